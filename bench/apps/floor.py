"""Baseline for bench/firstload.py, the "floor": one plotly chart, one pydeck map and one
dataframe, the framework bundles any page drawing such elements must load. No basemap (offline)."""

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")
st.title("Floor")
cities = pd.DataFrame(
    {
        "city": ["Vienna", "Tirana", "Kyiv", "Astana", "Ankara", "Chisinau"],
        "lat": [48.21, 41.33, 50.45, 51.17, 39.93, 47.01],
        "lon": [16.37, 19.82, 30.52, 71.45, 32.86, 28.86],
        "value": [12, 7, 31, 18, 25, 9],
    }
)
st.plotly_chart(go.Figure(go.Bar(x=cities["city"], y=cities["value"])))
st.pydeck_chart(
    pdk.Deck(
        layers=[
            pdk.Layer(
                "ScatterplotLayer",
                cities,
                get_position="[lon, lat]",
                get_radius=60000,
                get_fill_color=[0, 51, 160],
            )
        ],
        initial_view_state=pdk.ViewState(latitude=45, longitude=35, zoom=3),
        map_style=None,
    )
)
st.dataframe(cities)
