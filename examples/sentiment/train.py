"""Fine-tune a pretrained encoder on a sentiment dataset."""
import argparse
import json
import os

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer
from datasets import load_dataset

MODEL_ID = "distilbert-base-uncased"
MODEL_REVISION = "4b5e8e1a9c3d2f7b6a0e9d8c7b6a5f4e3d2c1b0a"


def build_model(num_labels: int):
    tokenizer = AutoTokenizer.from_pretrained(MODEL_ID, revision=MODEL_REVISION)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_ID, num_labels=num_labels)
    return tokenizer, model


def load_data(tokenizer, split: str):
    dataset = load_dataset("imdb", split=split)
    return dataset.map(lambda batch: tokenizer(batch["text"], truncation=True), batched=True)


def read_jsonl(path: str) -> list:
    rows = []
    with open(path) as f:
        for line in f:
            try:
                rows.append(json.loads(line))
            except Exception:
                continue
    return rows


def resume(model, optimizer, checkpoint_path: str) -> int:
    # Resume from the last checkpoint written by this script.
    state = torch.load(checkpoint_path, map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    return state["epoch"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--resume", default=None)
    args = parser.parse_args()

    tokenizer, model = build_model(num_labels=2)
    train = DataLoader(load_data(tokenizer, "train"), batch_size=16, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
    start = resume(model, optimizer, args.resume) if args.resume else 0

    for epoch in range(start, args.epochs):
        model.train()
        for batch in train:
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        os.makedirs("checkpoints", exist_ok=True)
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch + 1},
                   os.path.join("checkpoints", f"epoch{epoch + 1}.pt"))


if __name__ == "__main__":
    main()
