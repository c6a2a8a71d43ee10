"""Domain services: plain async code over the store. They never import FastAPI."""
