import logging
import warnings

import requests
import urllib3
from requests.packages.urllib3.exceptions import InsecureRequestWarning

log = logging.getLogger(__name__)

# ruleid: python.urllib3-warnings-disabled
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


def quiet_session() -> requests.Session:
    # ruleid: python.urllib3-warnings-disabled
    requests.packages.urllib3.disable_warnings(InsecureRequestWarning)
    return requests.Session()


def quiet_everything() -> None:
    # ruleid: python.urllib3-warnings-disabled
    warnings.filterwarnings("ignore", category=urllib3.exceptions.InsecureRequestWarning)


def other_warnings() -> None:
    # ok: python.urllib3-warnings-disabled
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    # ok: python.urllib3-warnings-disabled
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    # ok: python.urllib3-warnings-disabled
    urllib3.add_stderr_logger()
