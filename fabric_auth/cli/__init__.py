"""The `fabric-auth` command line: uses the services, never the web layer."""
