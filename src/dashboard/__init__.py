"""SEEECA Migration Outlook: warehouse, queries, charts and maps behind the Streamlit pages."""
