"""Reading inputs: tables, text (plain, Markdown, HTML), registries."""
