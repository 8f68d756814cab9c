"""Ingestion of official datasets and the gazetteer into data/sources/."""
