"""Task worker: receives jobs from the scheduler over TCP and runs them."""
import json
import logging
import socketserver
import struct

log = logging.getLogger("worker")

HANDLERS = {
    "resize": lambda args: f"resized {args['path']}",
    "email": lambda args: f"emailed {args['to']}",
}


class JobHandler(socketserver.StreamRequestHandler):
    def handle(self):
        header = self.rfile.read(4)
        if len(header) < 4:
            return
        (size,) = struct.unpack("!I", header)
        payload = self.request.recv(size)
        job = json.loads(payload)  # bench: safe CWE-502
        handler = HANDLERS.get(job.get("kind"))
        if handler is None:
            return
        result = handler(job.get("args", {}))
        log.info("job %s done", job["kind"])
        self.wfile.write(json.dumps({"ok": True, "result": result}).encode())


if __name__ == "__main__":
    with socketserver.ThreadingTCPServer(("0.0.0.0", 9900), JobHandler) as server:
        server.serve_forever()
