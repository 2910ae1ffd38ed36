"""Task worker: receives jobs from the scheduler over TCP and runs them."""
import logging
import pickle
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
        job = pickle.loads(payload)  # bench: vuln CWE-502
        result = HANDLERS[job["kind"]](job["args"])
        log.info("job %s done", job["kind"])
        self.wfile.write(pickle.dumps({"ok": True, "result": result}))


if __name__ == "__main__":
    with socketserver.ThreadingTCPServer(("0.0.0.0", 9900), JobHandler) as server:
        server.serve_forever()
