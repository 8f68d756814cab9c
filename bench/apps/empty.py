"""Baseline for bench/firstload.py: an empty Streamlit page (the framework's own first load)."""

import streamlit as st

st.title("Empty")
