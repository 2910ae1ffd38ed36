from werkzeug.debug import DebuggedApplication
from werkzeug.serving import run_simple

from myapp import create_app

application = create_app()
# ruleid: python.debug-mode-enabled
application = DebuggedApplication(application, evalex=False)

# a script's own DEBUG flag is not a server setting
# ok: python.debug-mode-enabled
DEBUG = True

if __name__ == "__main__":
    # ruleid: python.debug-mode-enabled
    run_simple("0.0.0.0", 8000, application, use_reloader=True, use_debugger=False)
    # ok: python.debug-mode-enabled
    run_simple("127.0.0.1", 8000, application, use_reloader=True)
