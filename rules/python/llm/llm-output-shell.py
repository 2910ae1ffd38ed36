import os
import shlex
import subprocess

from langchain_openai import ChatOpenAI
from openai import OpenAI

client = OpenAI()
llm = ChatOpenAI(model="gpt-4o-mini")

ALLOWED_COMMANDS = {"disk": ["df", "-h"], "memory": ["free", "-m"], "uptime": ["uptime"]}


def ask_model(prompt):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
    return resp.choices[0].message.content.strip()


def shell_assistant(request_text):
    command = ask_model(f"Reply with a single bash command that does: {request_text}")
    print(f"Running: {command}")
    # ruleid: python.llm-output-shell
    result = subprocess.run(command, shell=True, capture_output=True, text=True)
    return result.stdout


def devops_agent(goal):
    step = llm.invoke(f"Next shell command to reach: {goal}").content
    # ruleid: python.llm-output-shell
    os.system(step)


def run_tool(goal):
    cmd = ask_model(f"Command line for: {goal}")
    # ruleid: python.llm-output-shell
    out = subprocess.check_output(shlex.split(cmd), text=True)
    return out


def diagnostics(question):
    action = ask_model(f"Which check answers '{question}'? Reply with one of: disk, memory, uptime")
    if action not in ALLOWED_COMMANDS:
        return "unsupported"
    # ok: python.llm-output-shell
    return subprocess.run(ALLOWED_COMMANDS[action], capture_output=True, text=True).stdout


def summarize_logs():
    logs = subprocess.run(["journalctl", "-n", "200"], capture_output=True, text=True).stdout
    summary = ask_model(f"Summarize these logs:\n{logs}")
    # ok: python.llm-output-shell
    subprocess.run(["logger", "-t", "summary", "--", summary], check=True)
    return summary


def static_command():
    # ok: python.llm-output-shell
    return subprocess.run("uptime", shell=True, capture_output=True, text=True).stdout
