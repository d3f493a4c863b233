#!/usr/bin/env bash
# Headless Chromium for tests/test_serve_browser.py (Playwright drives Debian's /usr/bin/chromium), and CJK fonts
# so that Japanese labels render in the screenshots. Idempotent; installs only what is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "noto.*cjk" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi
