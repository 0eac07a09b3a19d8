"""Shell helpers, cache keys and scratch files."""
import hashlib
import os
import subprocess
import tempfile


def git_commit() -> str:
    return subprocess.check_output(["git", "rev-parse", "HEAD"], text=True).strip()


def sync_to_bucket(local_dir: str, bucket: str) -> None:
    subprocess.run(f"aws s3 sync {local_dir} s3://{bucket}", shell=True, check=True)


def disk_usage(checkpoint_dir: str) -> None:
    os.system(f"du -sh {checkpoint_dir}")


def cache_key(text: str) -> str:
    # Not security-relevant: a key for the local feature cache.
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def verify_download(path: str, expected_digest: str) -> bool:
    # Integrity check of a downloaded checkpoint against the digest published with it.
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest() == expected_digest


def scratch_file() -> str:
    return tempfile.mktemp(suffix=".json")


def export_predictions(rows) -> str:
    out = "/tmp/predictions.csv"
    with open(out, "w") as f:
        f.writelines(rows)
    return out


def cleanup(path: str) -> None:
    try:
        os.remove(path)
    except Exception:
        pass
