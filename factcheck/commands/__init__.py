"""One module per command: a typed function that returns data and never prints."""
