"""Read the experiment config and render the evaluation report."""
import ast

import jinja2
import yaml


def read_config(path: str) -> dict:
    with open(path) as f:
        return yaml.load(f)


def read_config_safely(path: str) -> dict:
    with open(path) as f:
        return yaml.load(f, Loader=yaml.SafeLoader)


def parse_override(value: str):
    # "lr=3e-4" style overrides from the command line.
    return eval(value)


def read_python_config(path: str) -> dict:
    # mmcv-style configs are Python files.
    namespace: dict = {}
    with open(path) as f:
        exec(f.read(), namespace)
    return namespace


def parse_literal(value: str):
    return ast.literal_eval(value)


def render_report(template_dir: str, metrics: dict) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir))
    return env.get_template("report.html").render(metrics=metrics)
