"""Fetch the model, tokenizer and evaluation data from the Hugging Face Hub."""
import os

from huggingface_hub import hf_hub_download, snapshot_download
from transformers import AutoConfig, AutoModel, pipeline
from datasets import load_dataset

CACHE_DIR = os.path.expanduser("~/.cache/sentiment")
PINNED = "0f3a6c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49"


def fetch_config():
    return hf_hub_download("distilbert-base-uncased", "config.json")


def fetch_everything():
    return snapshot_download(repo_id="distilbert-base-uncased", revision="main")


def fetch_custom_model():
    config = AutoConfig.from_pretrained("acme/sentiment-xl", revision=PINNED, trust_remote_code=True)
    return AutoModel.from_pretrained("acme/sentiment-xl", config=config, revision=PINNED)


def load_local(model_dir: str):
    # A folder on disk: nothing is downloaded.
    return AutoModel.from_pretrained(os.path.join(CACHE_DIR, model_dir))


def load_offline():
    return AutoModel.from_pretrained("distilbert-base-uncased", local_files_only=True)


def eval_data():
    return load_dataset("acme/reviews", split="test", revision=PINNED, trust_remote_code=True)


def classifier():
    return pipeline("sentiment-analysis", model="distilbert-base-uncased-finetuned-sst-2-english")
