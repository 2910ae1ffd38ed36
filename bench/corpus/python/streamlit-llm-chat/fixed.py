"""Streamlit chat front end for a LangChain model, with rich formatting."""
import streamlit as st
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-4o-mini", temperature=0.3)

st.title("Research assistant")
if "history" not in st.session_state:
    st.session_state.history = []

for role, text in st.session_state.history:
    with st.chat_message(role):
        st.markdown(text)

prompt = st.chat_input("Ask about any web page or paper")
if prompt:
    st.session_state.history.append(("user", prompt))
    answer = llm.invoke(prompt).content
    with st.chat_message("assistant"):
        st.markdown(answer)  # bench: safe CWE-79
    st.session_state.history.append(("assistant", answer))
