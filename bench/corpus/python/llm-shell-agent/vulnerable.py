"""A terminal helper: describe what you want, the model writes the command, we run it."""
import subprocess
import sys

from openai import OpenAI

client = OpenAI()
SYSTEM = "You translate requests into a single POSIX shell command. Reply with the command only."


def suggest_command(request_text):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": request_text}],
        temperature=0,
    )
    return resp.choices[0].message.content.strip().strip("`")


def main():
    request_text = " ".join(sys.argv[1:]) or input("What do you want to do? ")
    command = suggest_command(request_text)
    print(f"$ {command}")
    completed = subprocess.run(command, shell=True, text=True, capture_output=True)  # bench: vuln CWE-78
    print(completed.stdout or completed.stderr)


if __name__ == "__main__":
    main()
