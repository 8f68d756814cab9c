"""What each page shows, computed from query results: pure (no streamlit), one module per page.

The layers of a page, each a package with one module named after the page:
`queries/<page>` (SQL results) -> `content/<page>` (tables, figures and labels as shown) ->
`charts/<page>` (plotly figures) -> `views/<page>` (Streamlit pieces) -> `pages/<page>.py`.
"""
