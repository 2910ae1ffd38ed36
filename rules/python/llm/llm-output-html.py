import markdown
import nh3
import streamlit as st
from flask import Flask, jsonify, render_template, request
from markupsafe import Markup, escape
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()


def complete(prompt):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
    return resp.choices[0].message.content


@app.route("/summary", methods=["POST"])
def summary():
    answer = complete("Summarize: " + request.form["text"])
    # ruleid: python.llm-output-html
    return f"<div class='summary'>{answer}</div>"


@app.route("/chat", methods=["POST"])
def chat():
    reply = complete(request.json["message"])
    html = markdown.markdown(reply)
    # ruleid: python.llm-output-html
    return render_template("chat.html", reply=Markup(html))


def streamlit_app():
    question = st.chat_input("Ask me anything")
    if question:
        answer = complete(question)
        # ruleid: python.llm-output-html
        st.markdown(answer, unsafe_allow_html=True)


@app.route("/summary-safe", methods=["POST"])
def summary_safe():
    answer = complete("Summarize: " + request.form["text"])
    # ok: python.llm-output-html
    return f"<div class='summary'>{escape(answer)}</div>"


@app.route("/chat-safe", methods=["POST"])
def chat_safe():
    reply = complete(request.json["message"])
    clean = nh3.clean(markdown.markdown(reply))
    # ok: python.llm-output-html
    return render_template("chat.html", reply=Markup(clean))


@app.route("/api/chat", methods=["POST"])
def api_chat():
    # ok: python.llm-output-html
    return jsonify(reply=complete(request.json["message"]))


def streamlit_safe():
    question = st.chat_input("Ask me anything")
    if question:
        # ok: python.llm-output-html
        st.markdown(complete(question))
