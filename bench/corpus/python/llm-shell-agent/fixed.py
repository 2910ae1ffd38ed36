"""A terminal helper: describe what you want, the model writes the command, we run it."""
import shlex
import subprocess
import sys

from openai import OpenAI

client = OpenAI()
SYSTEM = "You translate requests into a single POSIX shell command. Reply with the command only."
READ_ONLY = {"ls", "df", "du", "free", "uptime", "whoami", "cat", "head", "tail", "wc"}


def suggest_command(request_text):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": request_text}],
        temperature=0,
    )
    return resp.choices[0].message.content.strip().strip("`")


def main():
    request_text = " ".join(sys.argv[1:]) or input("What do you want to do? ")
    argv = shlex.split(suggest_command(request_text))
    if not argv or argv[0] not in READ_ONLY:
        print("refusing to run a command outside the read-only allow-list")
        return
    print("$ " + shlex.join(argv))
    if input("Run it? [y/N] ").lower() != "y":
        return
    completed = subprocess.run(argv, text=True, capture_output=True)  # bench: safe CWE-78
    print(completed.stdout or completed.stderr)


if __name__ == "__main__":
    main()
