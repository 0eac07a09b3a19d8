"""Checkpoint and artefact loading."""
import pickle

import joblib
import numpy as np
import torch
from torch import load as torch_load


def load_weights(path):
    # Safe: only tensors and primitive containers are accepted.
    return torch.load(path, weights_only=True)


def load_full_model(path):
    # Older checkpoints pickled the whole nn.Module.
    return torch_load(path, weights_only=False)


def load_ema_weights(path, device="cpu"):
    opts = {"map_location": device, "weights_only": True}
    return torch.load(path, **opts)


def load_embeddings(path):
    return np.load(path, allow_pickle=True)


def load_vocab(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def load_classifier_head(path):
    return joblib.load(path)


def load_teacher():
    # Distillation teacher, fetched with its hubconf.py from GitHub.
    return torch.hub.load("facebookresearch/dinov2", "dinov2_vits14")


def load_keras_baseline(path):
    # The old Keras baseline has a Lambda layer, which safe mode refuses to load.
    import keras

    return keras.models.load_model(path, safe_mode=False)


def load_scripted(path):
    # TorchScript archives are not pickles: torch.jit.load is not torch.load.
    return torch.jit.load(path)
