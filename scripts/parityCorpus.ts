// The parity corpus: for every Bandit 1.9.4 check, code written the ways real projects write it —
// plain calls, aliased and from-imports, keyword and positional arguments, values held in variables —
// plus look-alikes that should not be reported. Bandit decides what is a finding; the parity run
// compares mlsec with it. One module per check, so a parse problem in one cannot hide another's.
// Deterministic: the same text on every machine.

/** Python source of each corpus module, by file name. */
export const PARITY_CORPUS: Readonly<Record<string, string>> = {
  'b101_assert.py': `
def check(x):
    assert x > 0
    assert isinstance(x, int), "must be int"
    if x:
        assert x != 3
    return x
`,
  'b102_exec.py': `
import builtins
exec("print(1)")
exec(compile(src, "f", "exec"))
builtins.exec(code)
def run(code):
    exec(code, {})
`,
  'b103_permissions.py': `
import os
import stat
from os import chmod
os.chmod("/etc/passwd", 0o777)
os.chmod(path, 0o664)
os.chmod(key_file, 0o600)
chmod(script, 0o755)
os.chmod(path, stat.S_IRWXU | stat.S_IRWXO)
os.chmod(path, 0o7)
os.chmod(path, 511)
os.chmod(path, mode=0o777)
`,
  'b104_bind.py': `
import socket
import uvicorn
HOST = "0.0.0.0"
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("0.0.0.0", 8080))
s.bind(("127.0.0.1", 8080))
uvicorn.run(app, host="0.0.0.0", port=8000)
app.run(host="0.0.0.0")
addr = "::"
`,
  'b105_password_string.py': `
password = "hunter2"
PASSWORD = "swordfish"
db_password = "postgres"
api_token = "abc123"
secret = "s3cr3t"
user_pass = "letmein"
password = ""
token_type = "bearer"
if password == "admin":
    pass
config["password"] = "root"
self.passwd = "x"
`,
  'b106_password_funcarg.py': `
connect(user="admin", password="hunter2")
login(token="abc")
client = Client(api_token="xyz", timeout=3)
connect(password=get_password())
connect(password=None)
Session(secret="q")
`,
  'b107_password_default.py': `
def connect(user, password="admin"):
    return user
def login(token="t0k3n", retries=3):
    return token
def ok(password=None):
    return password
async def start(passwd="x"):
    return passwd
def kwonly(*, secret="shh"):
    return secret
`,
  'b108_tmp.py': `
import os
LOG = "/tmp/train.log"
path = os.path.join("/tmp", "x")
cache = "/var/tmp/cache"
shm = "/dev/shm/buffer"
other = "/tmpfoo"
f = open("/tmp/out.txt", "w")
`,
  'b110_try_except_pass.py': `
try:
    run()
except Exception:
    pass
try:
    run()
except:
    pass
try:
    run()
except (ValueError, KeyError):
    pass
try:
    run()
except ValueError:
    log()
`,
  'b112_try_except_continue.py': `
for x in items:
    try:
        run(x)
    except Exception:
        continue
while True:
    try:
        step()
    except:
        continue
for y in items:
    try:
        run(y)
    except OSError:
        break
`,
  'b113_timeout.py': `
import requests
import httpx
requests.get(url)
requests.post(url, data=d)
requests.get(url, timeout=None)
requests.get(url, timeout=5)
requests.request("GET", url)
requests.put(url, json=j)
requests.delete(url)
requests.patch(url)
requests.head(url)
requests.options(url)
httpx.get(url, timeout=None)
httpx.Client(timeout=None)
httpx.get(url)
`,
  'b201_flask_debug.py': `
from flask import Flask
import flask
app = Flask(__name__)
app.run(debug=True)
app.run(debug=False)
app.run(host="127.0.0.1", debug=True, port=5000)
other = flask.Flask("x")
other.run(debug=True)
`,
  'b202_tarfile.py': `
import tarfile
t = tarfile.open("a.tar")
t.extractall()
t.extractall(path="out")
t.extractall(path="out", members=safe_members(t))
t.extractall(path="out", filter="data")
with tarfile.open(p) as tf:
    tf.extractall("dest")
`,
  'b301_pickle.py': `
import pickle
import dill
import shelve
import jsonpickle
import pandas as pd
import _pickle
from pickle import loads as pl
pickle.loads(data)
pickle.load(open(p, "rb"))
pickle.Unpickler(f)
dill.loads(blob)
dill.load(f)
shelve.open("db")
jsonpickle.decode(s)
pd.read_pickle("frame.pkl")
pl(data)
pickle.dumps(obj)
copy = pickle.loads(pickle.dumps(obj))
`,
  'b302_marshal.py': `
import marshal
from marshal import loads
marshal.loads(data)
marshal.load(f)
loads(blob)
marshal.dumps(x)
`,
  'b303_md5.py': `
from cryptography.hazmat.primitives import hashes
import Crypto.Hash.MD5
from Crypto.Hash import MD5, SHA
from Cryptodome.Hash import MD4, MD2
hashes.MD5()
hashes.SHA1()
MD5.new()
SHA.new(b"x")
MD4.new()
MD2.new()
hashes.SHA256()
`,
  'b304_ciphers.py': `
from cryptography.hazmat.primitives.ciphers import algorithms, Cipher
from Crypto.Cipher import ARC2, ARC4, Blowfish, DES, XOR
import Cryptodome.Cipher.DES
ARC2.new(key, ARC2.MODE_CBC, iv)
ARC4.new(key)
Blowfish.new(key, Blowfish.MODE_CBC, iv)
DES.new(key, DES.MODE_ECB)
XOR.new(key)
algorithms.ARC4(key)
algorithms.Blowfish(key)
algorithms.IDEA(key)
algorithms.CAST5(key)
algorithms.SEED(key)
algorithms.TripleDES(key)
algorithms.AES(key)
`,
  'b305_cipher_modes.py': `
from cryptography.hazmat.primitives.ciphers import modes
modes.ECB()
modes.CBC(iv)
modes.GCM(iv)
`,
  'b306_mktemp.py': `
import tempfile
from tempfile import mktemp
tempfile.mktemp()
mktemp(suffix=".txt")
tempfile.mkstemp()
tempfile.NamedTemporaryFile()
`,
  'b307_eval.py': `
import ast
eval(expr)
eval("1 + 2")
ast.literal_eval(s)
model.eval()
def go(s):
    return eval(s, {})
`,
  'b308_mark_safe.py': `
from django.utils.safestring import mark_safe
import django.utils.safestring as ss
mark_safe(html)
ss.mark_safe("<b>x</b>")
`,
  'b310_urlopen.py': `
import urllib
import urllib.request
from urllib.request import urlopen, Request, urlretrieve, URLopener
import six
urllib.request.urlopen(url)
urlopen(url, timeout=10)
urllib.request.urlopen("https://example.com")
urllib.request.Request(url)
urlretrieve(url, "f")
URLopener()
urllib.request.FancyURLopener()
six.moves.urllib.request.urlopen(url)
`,
  'b311_random.py': `
import random
from random import choice, randint
import secrets
random.random()
random.randint(0, 10)
random.choice(items)
random.choices(items, k=3)
random.shuffle(items)
random.sample(items, 2)
random.uniform(0, 1)
random.triangular()
random.randrange(10)
random.getrandbits(8)
random.randbytes(4)
random.Random()
choice(items)
randint(1, 6)
secrets.choice(items)
random.seed(0)
`,
  'b312_telnetlib.py': `
import telnetlib
from telnetlib import Telnet
telnetlib.Telnet("host")
Telnet("host", 23)
`,
  'b313_b320_xml.py': `
import xml.etree.cElementTree as cET
import xml.etree.ElementTree as ET
from xml.etree.ElementTree import parse, fromstring
import xml.sax
import xml.sax.expatreader
import xml.dom.expatbuilder
import xml.dom.minidom
import xml.dom.pulldom
from xml.dom import minidom
import defusedxml.ElementTree as DET
cET.parse("a.xml")
cET.fromstring(s)
cET.iterparse(f)
cET.XMLParser()
ET.parse("a.xml")
ET.fromstring(s)
ET.iterparse(f)
ET.XMLParser()
parse(f)
fromstring(s)
xml.sax.expatreader.create_parser()
xml.dom.expatbuilder.parse(f)
xml.dom.expatbuilder.parseString(s)
xml.sax.parse(f, handler)
xml.sax.parseString(s, handler)
xml.sax.make_parser()
xml.dom.minidom.parse(f)
minidom.parseString(s)
xml.dom.pulldom.parse(f)
xml.dom.pulldom.parseString(s)
DET.parse("a.xml")
ET.tostring(elem)
`,
  'b321_ftplib.py': `
import ftplib
from ftplib import FTP
ftplib.FTP("host")
FTP("host")
ftplib.FTP_TLS("host")
`,
  'b323_unverified_context.py': `
import ssl
ssl._create_unverified_context()
ctx = ssl.create_default_context()
`,
  'b324_hashlib.py': `
import hashlib
hashlib.md5(data)
hashlib.sha1(data)
hashlib.md4(data)
hashlib.new("md5")
hashlib.new("MD5", data)
hashlib.new("sha1")
hashlib.md5(data, usedforsecurity=False)
hashlib.sha256(data)
hashlib.new("sha256")
hashlib.new(name="md5")
`,
  'b4xx_imports.py': `
import telnetlib
import ftplib
import pickle
import cPickle
import dill
import shelve
import subprocess
import xml.etree.cElementTree
import xml.etree.ElementTree
import xml.sax
import xml.dom.expatbuilder
import xml.dom.minidom
import xml.dom.pulldom
import xmlrpc
import xmlrpc.client
from xmlrpc import server
import wsgiref.handlers
from wsgiref.handlers import CGIHandler
import twisted.web.twcgi
from twisted.web.twcgi import CGIScript
import Crypto.Cipher
from Crypto.Hash import SHA256
import Crypto
import pyghmi
from pyghmi.ipmi import command
from subprocess import Popen
import os
import json
`,
  'b501_cert.py': `
import requests
import httpx
requests.get(url, verify=False, timeout=5)
requests.post(url, verify=False, timeout=5)
httpx.get(url, verify=False)
httpx.Client(verify=False)
requests.get(url, verify=True, timeout=5)
`,
  'b502_b504_ssl.py': `
import ssl
from OpenSSL import SSL
import socket
ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv2)
ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)
ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1)
SSL.Context(method=SSL.SSLv2_METHOD)
SSL.Context(SSL.SSLv23_METHOD)
herp_derp(ssl_version=ssl.PROTOCOL_SSLv2)
herp_derp(method=SSL.TLSv1_METHOD)
ssl.wrap_socket(sock)
ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1_2)
def open_ssl_socket(version=ssl.PROTOCOL_SSLv2):
    pass
def open_ssl_socket2(version=SSL.SSLv3_METHOD):
    pass
def open_ssl_socket3(version=ssl.PROTOCOL_TLS):
    pass
`,
  'b505_weak_key.py': `
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat import backends
from Crypto.PublicKey import DSA, RSA
dsa.generate_private_key(key_size=1024, backend=backends.default_backend())
rsa.generate_private_key(public_exponent=65537, key_size=1024, backend=backends.default_backend())
ec.generate_private_key(ec.SECT163R2(), backends.default_backend())
DSA.generate(1024)
RSA.generate(1024)
rsa.generate_private_key(public_exponent=65537, key_size=2048, backend=backends.default_backend())
RSA.generate(4096)
dsa.generate_private_key(512)
`,
  'b506_yaml.py': `
import yaml
yaml.load(data)
yaml.load(data, Loader=yaml.Loader)
yaml.load(data, Loader=yaml.SafeLoader)
yaml.safe_load(data)
yaml.load_all(stream)
yaml.unsafe_load(data)
yaml.load(data, yaml.CSafeLoader)
`,
  'b507_ssh.py': `
import paramiko
from paramiko import client
ssh = paramiko.SSHClient()
ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())
ssh.set_missing_host_key_policy(paramiko.WarningPolicy)
ssh.set_missing_host_key_policy(client.AutoAddPolicy)
ssh.set_missing_host_key_policy(paramiko.RejectPolicy())
`,
  'b508_b509_snmp.py': `
from pysnmp.hlapi import CommunityData, UsmUserData
CommunityData("public", mpModel=0)
CommunityData("public", mpModel=1)
CommunityData("public", mpModel=2)
UsmUserData("securityName")
UsmUserData("securityName", "authName")
UsmUserData("securityName", "authName", "privName")
`,
  'b601_paramiko.py': `
import paramiko
client = paramiko.SSHClient()
client.exec_command("ls -l " + path)
stdin, stdout, stderr = client.exec_command(cmd)
client.invoke_shell()
`,
  'b602_b607_subprocess.py': `
import os
import subprocess
from subprocess import Popen, call, check_output
subprocess.Popen("ls -l", shell=True)
subprocess.call(["ls", "-l"])
subprocess.run(["/bin/ls", "-l"])
subprocess.check_call("ls " + d, shell=True)
subprocess.check_output(["git", "status"])
subprocess.run(cmd, shell=False)
subprocess.run(f"echo {x}", shell=True)
Popen(["ls"])
call("echo hi", shell=True)
check_output(["/usr/bin/git", "log"])
subprocess.Popen(args, shell=False)
os.system("ls")
os.system(cmd)
os.popen("ls")
os.popen2("ls")
os.spawnl(os.P_WAIT, "/bin/ls", "ls")
os.spawnlp(os.P_WAIT, "ls", "ls")
os.spawnv(os.P_NOWAIT, "/bin/sh", ["sh"])
os.execl("/bin/ls", "ls")
os.execvp("ls", ["ls"])
os.startfile("x.txt")
os.posix_spawn("/bin/ls", ["ls"], {})
utils.run_command("ls", shell=True)
custom(cmd, shell=True)
subprocess.run("ls", shell=True)
subprocess.Popen(["ls", "-l"], shell=True)
subprocess.Popen("ls *", shell=True)
`,
  'b608_sql.py': `
def q(cur, name, table):
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
    cur.execute("SELECT * FROM users WHERE name = '" + name + "'")
    cur.execute(f"DELETE FROM {table} WHERE id = 1")
    cur.execute("UPDATE users SET x = {}".format(name))
    query = "INSERT INTO t VALUES (%s)" % name
    cur.execute("SELECT * FROM users WHERE name = %s", (name,))
    sql = "select a from b where c = " + name
    return "SELECT x FROM y"
`,
  'b609_wildcard.py': `
import os
import subprocess
os.system("tar cf backup.tar *")
os.system("chown root:root *")
subprocess.Popen("chmod 777 *", shell=True)
os.popen("rsync -a * dest")
subprocess.run("ls *", shell=True)
os.system("tar cf backup.tar data")
`,
  'b610_b611_django.py': `
from django.db.models.expressions import RawSQL
User.objects.filter(x=1).extra(select={"a": "1"})
User.objects.all().extra(where=["name = '%s'" % n])
qs.extra(tables=tables)
User.objects.annotate(val=RawSQL("select 1", []))
User.objects.annotate(val=RawSQL("select %s" % v, []))
User.objects.raw("SELECT * FROM users WHERE id = %s" % uid)
User.objects.raw("SELECT * FROM users")
`,
  'b612_logging_listen.py': `
import logging.config
from logging import config
logging.config.listen(9999)
config.listen()
logging.config.listen(port, verify=check)
`,
  'b613_trojansource.py': `
access = "user"
if access != "none\u202e \u2066":  # trojan source bidi character in a string
    pass
`,
  'b614_torch.py': `
import torch
torch.load("model.pt")
torch.load(path, map_location="cpu")
torch.load(path, weights_only=True)
torch.load(path, weights_only=False)
torch.load(f, pickle_module=pickle)
`,
  'b615_hf.py': `
from transformers import AutoModel, AutoTokenizer, AutoConfig
from huggingface_hub import hf_hub_download, snapshot_download
from datasets import load_dataset
AutoModel.from_pretrained("org/model")
AutoModel.from_pretrained("org/model", revision="main")
AutoModel.from_pretrained("org/model", revision="a" * 40)
AutoModel.from_pretrained("org/model", revision="5d0f2e8a7f1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d")
AutoTokenizer.from_pretrained(model_args.model_name_or_path)
AutoConfig.from_pretrained(model_path)
hf_hub_download("org/model", "config.json")
hf_hub_download(repo_id="org/model", filename="a.bin", revision="v1.0")
snapshot_download(repo_id=model_path)
snapshot_download("org/model")
load_dataset("org/data")
load_dataset("org/data", revision="main")
load_dataset(path=data_path)
AutoModel.from_pretrained("./local/dir")
AutoModel.from_pretrained(output_dir)
`,
  'b701_jinja.py': `
import jinja2
from jinja2 import Environment, select_autoescape
jinja2.Environment(loader=loader)
Environment(autoescape=False)
Environment(autoescape=True)
Environment(autoescape=select_autoescape())
jinja2.Environment(autoescape=x)
`,
  'b702_mako.py': `
from mako.template import Template
from mako import template
import mako
Template("hello \${x}")
template.Template("x")
mako.template.Template(text)
`,
  'b703_b704_markup.py': `
from django.utils.safestring import mark_safe
from django.utils import safestring
from markupsafe import Markup
import markupsafe
def render(name, trusted):
    mark_safe(name)
    mark_safe("<b>static</b>")
    safestring.mark_safe(f"<b>{name}</b>")
    Markup(name)
    markupsafe.Markup("<i>x</i>")
    Markup(f"<b>{name}</b>")
    mark_safe(trusted % name)
`,
  'plugins_ml_code.py': `
import os
import ssl
import stat
import tarfile
import zipfile
from pathlib import Path

import paramiko
from flask import Flask
from cryptography.hazmat.primitives.asymmetric import ec, rsa

pad_token = "<pad>"
config = {"bos_token": "<s>", "eos_token": "</s>", "max_len": 512}
config["sep_token"] = "[SEP]"
tokenizer.add_special_tokens({"pad_token": "[PAD]"})
tok = Tok(unk_token="[UNK]", mask_token="[MASK]")
os.environ["HF_TOKEN"] = "hf_abc"
secrets = {"password": 123, "token": None}
a = b = password = "chained"
self_password = (
    "multi"
    "line"
)
if args.token == "none":
    pass
if cfg.secret != "":
    pass


def build(vocab, cls_token="[CLS]", *args, sep_token="[SEP]"):
    return vocab


class Settings:
    api_token: str = ""
    PASSWORD = "x"

    def __init__(self, password="", token=None):
        self.token = "t"


def wrap(sock, version=ssl.PROTOCOL_SSLv23, proto=ssl.PROTOCOL_TLSv1_1):
    return ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1_2)


os.chmod(script, 0o755)
os.chmod(path, 0o600)
os.chmod(d, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)
Path(p).chmod(0o777)
os.lchmod(link, 0o770)
with tarfile.open(f) as t:
    t.extractall(path=d, members=[m for m in t if ok(m)])
    t.extractall(d, filter="data")
zipfile.ZipFile(f).extractall(d)
app = Flask(__name__)
app.run(host="0.0.0.0", port=5000, debug=True)
app.run(debug="True")
rsa.generate_private_key(public_exponent=65537, key_size=2048)
rsa.generate_private_key(65537, 1536)
ec.generate_private_key(curve=ec.SECP224R1)
ssh = paramiko.SSHClient()
ssh.set_missing_host_key_policy(paramiko.client.WarningPolicy())
_, out, _ = ssh.exec_command("nvidia-smi")
`,
  'b3xx_b4xx_blacklist_real_code.py': `
"""Blacklisted calls and imports the way ML code writes them."""
import os, pickle, subprocess
import random as rnd
import importlib
import urllib.request as request
from urllib import request as req2
from xml.etree import ElementTree as ET
from xml.dom import minidom, pulldom
from Crypto.Cipher import AES, DES3
from Cryptodome.Hash import MD5 as CMD5
from cryptography.hazmat.primitives import hashes, ciphers
from cryptography.hazmat.primitives.ciphers import algorithms as alg, modes as md
import ssl, telnetlib, ftplib
from six.moves.urllib.request import urlretrieve
from django.utils import safestring
from wsgiref import handlers
import xml.sax.handler
import dill as dl
import marshal as msh


def download(url, dest):
    request.urlretrieve(url, dest)
    with req2.urlopen(url, timeout=30) as r:
        return r.read()


def annotations(path):
    tree = ET.parse(path)
    doc = minidom.parseString(open(path).read())
    for event, node in pulldom.parse(path):
        pass
    return tree, doc


def seeded_split(items):
    rnd.seed(0)
    idx = rnd.sample(range(len(items)), k=10)
    return [items[i] for i in idx], rnd.random(), rnd.choice(items)


def legacy_crypto(key, data):
    h = CMD5.new(data)
    c = ciphers.Cipher(alg.TripleDES(key), md.ECB())
    d = hashes.Hash(hashes.SHA1())
    return h, c, d


ctx = ssl._create_unverified_context()
tn = telnetlib.Telnet("switch", 23)
ftp = ftplib.FTP("files.example.com")
urlretrieve("https://example.com/model.bin", "model.bin")
html = safestring.mark_safe("<br>")
handlers.CGIHandler().run(app)
mod = importlib.import_module("xml.dom.expatbuilder")
blob = msh.loads(data)
`,
};
