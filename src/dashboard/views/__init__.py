"""Streamlit pieces of one page each (the few modules besides ui, sidebar and cache that import
streamlit); what they show is computed in the pure `content`, `charts` and domain modules."""
