"""The widget protocol against the real Java kernel, with no browser: jupyter_client plays the front end.

A cell builds a temperature slider and a LivePanel whose output shows the slider's value. The kernel must open
each widget with a comm_open to the target `jupyter.widget` carrying protocol version 2.1.0, display the panel as
an `application/vnd.jupyter.widget-view+json` bundle (with an HTML fallback), and, when the "front end" sends an
update for the slider, echo it and send the output's new HTML.

Run it with the venv's interpreter: .venv/bin/python -m pytest tests/notebooks/test_widgets_kernel.py
"""
import queue
import time
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
VIEW = "application/vnd.jupyter.widget-view+json"
CELL = """
import microgpt.widgets.*;
Slider temperature = Slider.decimal("temperature", 0.1, 2.0, 0.05, 0.5);
LivePanel panel = LivePanel.of(() -> "<p>t=" + temperature.value() + "</p>", temperature);
panel
"""


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_new_kernel(kernel_name="java", startup_timeout=120, cwd=str(NOTEBOOKS))
    try:
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def iopub_until_idle(kc, parent_id, timeout=60):
    """Every iopub message up to the kernel's idle status for the request `parent_id`."""
    messages, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        messages.append(msg)
        if (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
                and msg["parent_header"].get("msg_id") == parent_id):
            return messages
    raise AssertionError(f"no idle status for {parent_id} within {timeout} s; got {[m['msg_type'] for m in messages]}")


def execute(kc, code):
    msg_id = kc.execute(code)
    messages = iopub_until_idle(kc, msg_id)
    errors = [m["content"] for m in messages if m["msg_type"] == "error"]
    assert not errors, f"the cell failed: {errors}"
    return messages


def send_comm_msg(kc, comm_id, data):
    msg = kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
    kc.shell_channel.send(msg)
    return iopub_until_idle(kc, msg["header"]["msg_id"]), msg["header"]["msg_id"]


def test_a_slider_in_the_kernel_is_a_live_widget(kernel):
    execute(kernel, "%classpath ../lib/target/microgpt.jar")
    messages = execute(kernel, CELL)

    opens = [m for m in messages if m["msg_type"] == "comm_open"]
    assert opens, "the kernel opened no comm"
    assert {m["content"]["target_name"] for m in opens} == {"jupyter.widget"}
    assert {m["metadata"].get("version") for m in opens} == {"2.1.0"}
    models = {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in opens}
    sliders = [cid for cid, s in models.items() if s["_model_name"] == "FloatSliderModel"]
    outputs = [cid for cid, s in models.items() if s["_model_name"] == "HTMLModel"]
    assert len(sliders) == 1 and len(outputs) == 1, models
    slider, output = sliders[0], outputs[0]
    assert models[slider]["value"] == 0.5
    assert models[slider]["layout"].startswith("IPY_MODEL_") and models[slider]["layout"][10:] in models
    assert models[output]["value"] == "<p>t=0.5</p>"

    shown = [m["content"]["data"] for m in messages if m["msg_type"] in ("execute_result", "display_data")]
    assert len(shown) == 1, shown
    view = shown[0][VIEW]
    assert models[view["model_id"]]["_model_name"] == "VBoxModel"
    assert (view["version_major"], view["version_minor"]) == (2, 0)
    assert "live controls need a running Java kernel" in shown[0]["text/html"]

    replies, sent_id = send_comm_msg(kernel, slider, {"method": "update", "state": {"value": 1.25},
                                                       "buffer_paths": []})
    comm_msgs = [m for m in replies if m["msg_type"] == "comm_msg"]
    echoes = [m for m in comm_msgs if m["content"]["comm_id"] == slider]
    assert [e["content"]["data"]["method"] for e in echoes] == ["echo_update"], comm_msgs
    assert echoes[0]["content"]["data"]["state"] == {"value": 1.25}
    assert echoes[0]["parent_header"]["msg_id"] == sent_id
    updates = [m["content"]["data"] for m in comm_msgs if m["content"]["comm_id"] == output]
    assert updates == [{"method": "update", "state": {"value": "<p>t=1.25</p>"}, "buffer_paths": []}], comm_msgs

    replies, _ = send_comm_msg(kernel, slider, {"method": "request_state"})
    states = [m["content"]["data"] for m in replies if m["msg_type"] == "comm_msg"]
    assert len(states) == 1 and states[0]["method"] == "update" and states[0]["state"]["value"] == 1.25, states
