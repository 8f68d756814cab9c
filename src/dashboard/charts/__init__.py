"""plotly figures built from DataFrames, one module per page topic; pure (no streamlit)."""
