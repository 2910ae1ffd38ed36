/**
 * Package names: normalisation per ecosystem, Python import names mapped to the distributions
 * that provide them, standard-library modules of Python and Node, and JS bare specifiers.
 *
 * Why a mapping table: a Python module name and the PyPI distribution that installs it often
 * differ (`import cv2` comes from opencv-python). Checking `cv2` on PyPI would check someone
 * else's package (PyPI's "cv2" is not OpenCV), so well-known modules map to their real
 * distributions and every other module is a guess, reported with lower confidence.
 */
import { builtinModules } from 'node:module';
import { PYTHON_STDLIB } from './stdlib.js';
import type { Ecosystem } from './types.js';

/** PEP 503 for PyPI (case, runs of `-_.` are one separator); npm names compare in lower case. */
export function normalizeName(ecosystem: Ecosystem, name: string): string {
  return ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name.toLowerCase();
}

/** Top-level Python modules whose distribution has another name. Keys are module names. */
const PY_MODULE_TO_DIST: Record<string, string> = {
  cv2: 'opencv-python',
  yaml: 'PyYAML',
  sklearn: 'scikit-learn',
  skimage: 'scikit-image',
  PIL: 'Pillow',
  bs4: 'beautifulsoup4',
  dateutil: 'python-dateutil',
  dotenv: 'python-dotenv',
  jwt: 'PyJWT',
  jose: 'python-jose',
  magic: 'python-magic',
  multipart: 'python-multipart',
  docx: 'python-docx',
  pptx: 'python-pptx',
  serial: 'pyserial',
  usb: 'pyusb',
  Crypto: 'pycryptodome',
  Cryptodome: 'pycryptodomex',
  OpenSSL: 'pyOpenSSL',
  nacl: 'PyNaCl',
  git: 'GitPython',
  github: 'PyGithub',
  gitlab: 'python-gitlab',
  telegram: 'python-telegram-bot',
  discord: 'discord.py',
  slack: 'slackclient',
  googleapiclient: 'google-api-python-client',
  grpc: 'grpcio',
  attr: 'attrs',
  fitz: 'PyMuPDF',
  MySQLdb: 'mysqlclient',
  mysql: 'mysql-connector-python',
  zmq: 'pyzmq',
  wx: 'wxPython',
  gi: 'PyGObject',
  cairo: 'pycairo',
  OpenGL: 'PyOpenGL',
  win32api: 'pywin32',
  win32con: 'pywin32',
  win32com: 'pywin32',
  win32gui: 'pywin32',
  pythoncom: 'pywin32',
  pywintypes: 'pywin32',
  pkg_resources: 'setuptools',
  socketio: 'python-socketio',
  engineio: 'python-engineio',
  ldap: 'python-ldap',
  Xlib: 'python-xlib',
  kafka: 'kafka-python',
  consul: 'python-consul',
  memcache: 'python-memcached',
  snappy: 'python-snappy',
  dns: 'dnspython',
  faiss: 'faiss-cpu',
  umap: 'umap-learn',
  Bio: 'biopython',
  mpl_toolkits: 'matplotlib',
  pylab: 'matplotlib',
  ruamel: 'ruamel.yaml',
  websocket: 'websocket-client',
  speech_recognition: 'SpeechRecognition',
  osgeo: 'GDAL',
  rest_framework: 'djangorestframework',
  rest_framework_simplejwt: 'djangorestframework-simplejwt',
  corsheaders: 'django-cors-headers',
  debug_toolbar: 'django-debug-toolbar',
  crispy_forms: 'django-crispy-forms',
  django_filters: 'django-filter',
  environ: 'django-environ',
  storages: 'django-storages',
  allauth: 'django-allauth',
  bson: 'pymongo',
  gridfs: 'pymongo',
  whois: 'python-whois',
  nmap: 'python-nmap',
  vlc: 'python-vlc',
  absl: 'absl-py',
  factory: 'factory-boy',
  Levenshtein: 'levenshtein',
  llama_index: 'llama-index',
  sentencepiece: 'sentencepiece',
  tensorflow_hub: 'tensorflow-hub',
  pyximport: 'Cython',
  Cython: 'Cython',
  lxml: 'lxml',
  jenkins: 'python-jenkins',
  keystoneclient: 'python-keystoneclient',
  novaclient: 'python-novaclient',
  pymysql: 'PyMySQL',
  psycopg: 'psycopg',
  psycopg2: 'psycopg2',
  ntplib: 'ntplib',
  markdown: 'Markdown',
  editdistance: 'editdistance',
  gym: 'gym',
  igraph: 'igraph',
  scapy: 'scapy',
  sqlalchemy: 'SQLAlchemy',
  yaml_include: 'pyyaml-include',
  apiclient: 'google-api-python-client',
  oauth2client: 'oauth2client',
  tflite_runtime: 'tflite-runtime',
  dash_bootstrap_components: 'dash-bootstrap-components',
  flask_restful: 'Flask-RESTful',
  pkg_about: 'pkg-about',
  ffmpeg: 'ffmpeg-python',
  nvidia_smi: 'nvidia-ml-py3',
  pynvml: 'nvidia-ml-py',
  tesserocr: 'tesserocr',
  pytesseract: 'pytesseract',
  paho: 'paho-mqtt',
  Image: 'Pillow',
  sip: 'sip',
  PyQt5: 'PyQt5',
  readability: 'readability-lxml',
  newspaper: 'newspaper3k',
  haystack: 'farm-haystack',
  weasyprint: 'weasyprint',
  xdist: 'pytest-xdist',
  dotmap: 'dotmap',
  tzlocal: 'tzlocal',
};

/** Namespace packages: the distribution is named after more than the first component. */
function namespaceDistribution(parts: string[]): string | null {
  const [a, b, c] = parts;
  if (a === 'google' && b === 'cloud' && c) return `google-cloud-${c}`;
  if (a === 'google' && b) {
    const known: Record<string, string> = {
      protobuf: 'protobuf', auth: 'google-auth', oauth2: 'google-auth', generativeai: 'google-generativeai',
      genai: 'google-genai', api_core: 'google-api-core', colab: 'google-colab', adk: 'google-adk',
      ai: 'google-cloud-aiplatform', appengine: 'appengine-python-standard',
    };
    return known[b] ?? `google-${b}`;
  }
  if (a === 'azure' && b) {
    if (['storage', 'mgmt', 'keyvault', 'ai', 'monitor', 'search', 'communication'].includes(b) && c) return `azure-${b}-${c}`;
    return `azure-${b}`;
  }
  if (['zope', 'jaraco', 'backports', 'sphinxcontrib', 'ruamel', 'zc', 'plone'].includes(a) && b) return `${a}.${b}`;
  return null;
}

export interface PythonModuleDist {
  /** The distribution name to look up, or null for the standard library. */
  distribution: string | null;
  /** No known mapping: the distribution is assumed to have the module's name. */
  guessed: boolean;
}

/** The distribution that provides a Python module (`a.b.c`). */
export function pythonDistribution(module: string): PythonModuleDist {
  const parts = module.split('.');
  const top = parts[0];
  if (PYTHON_STDLIB.has(top)) return { distribution: null, guessed: false };
  const ns = namespaceDistribution(parts);
  if (ns) return { distribution: ns, guessed: !(top === 'google' || top === 'azure') };
  const known = PY_MODULE_TO_DIST[top];
  if (known) return { distribution: known, guessed: false };
  return { distribution: top, guessed: true };
}

/** The Python modules a distribution is known to provide besides its own name (for declared-import checks). */
export function modulesOfDistribution(dist: string): string[] {
  const n = normalizeName('PyPI', dist);
  const out = [n];
  for (const [mod, d] of Object.entries(PY_MODULE_TO_DIST)) if (normalizeName('PyPI', d) === n) out.push(normalizeName('PyPI', mod));
  return out;
}

const NODE_BUILTINS = new Set(builtinModules);

export function isNodeBuiltin(spec: string): boolean {
  if (spec.startsWith('node:')) return true;
  return NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0]);
}

/**
 * The npm package a module specifier names, or null when it names none: relative and absolute
 * paths, URLs, Node built-ins, path aliases (`@/x`, `~/x`, `#x`, `$lib`), runtime schemes.
 */
export function npmPackageOf(spec: string): string | null {
  const s = spec.trim();
  if (!s || s.startsWith('.') || s.startsWith('/') || s.startsWith('#') || s.startsWith('~') || s.startsWith('$')) return null;
  if (s.startsWith('@/') || s.startsWith('@@/')) return null;
  if (isNodeBuiltin(s)) return null;
  let rest = s;
  if (rest.startsWith('npm:')) {
    // `npm:name@range`: the range starts at the first `@` after the last `/` (not at the start)
    rest = rest.slice(4);
    const at = rest.indexOf('@', Math.max(1, rest.lastIndexOf('/') + 1));
    if (at > 0) rest = rest.slice(0, at);
  }
  else if (/^[a-z][a-z0-9+.-]*:/i.test(rest)) return null; // http:, data:, bun:, virtual:, jsr:
  const parts = rest.split('/');
  const name = rest.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : null) : parts[0];
  if (!name || !isValidNpmName(name)) return null;
  return name;
}

/** npm's naming rules (lower-case URL-safe characters, optional scope, at most 214 characters). */
export function isValidNpmName(name: string): boolean {
  return name.length <= 214 && /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9._~-][a-z0-9._~-]*$/i.test(name) && !/^[._]/.test(name.replace(/^@[^/]+\//, ''));
}

/** PEP 508 names: letters, digits, `-_.`, starting and ending with a letter or digit. */
export function isValidPypiName(name: string): boolean {
  return /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(name);
}
