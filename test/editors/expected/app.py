# Opened by the real-editor tests (test/editors/run.sh). Positions are asserted in
# ../expectations.json: keep the two in step. The last line has non-ASCII text before and inside
# the call, so its UTF-16 columns differ from its byte columns.
import requests
import torch

URL = "https://example.com/model.pt"

requests.get(URL)
state = torch.load("model.pt", weights_only=True)
légende = torch.load("modèle.pt", weights_only=True)
