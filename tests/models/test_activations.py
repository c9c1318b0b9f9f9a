import numpy as np

from narrascope.framing import linear
from narrascope.models.activations import sigmoid, softmax
from narrascope.techniques import model


def test_one_definition_behind_every_head() -> None:
    assert linear.sigmoid is sigmoid and linear.softmax is softmax and model.sigmoid is sigmoid


def test_sigmoid_is_float32_and_never_overflows() -> None:
    out = sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    assert out.dtype == np.float32
    assert out[1] == 0.5 and 0 < out[0] < 1e-12 and out[2] == 1.0


def test_softmax_rows_sum_to_one() -> None:
    out = softmax(np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, 0.0]]))
    assert out.dtype == np.float32
    np.testing.assert_allclose(out.sum(axis=-1), 1.0, rtol=1e-6)
    np.testing.assert_allclose(out[1], [0.5, 0.5, 0.0], atol=1e-6)
