"""Just enough of the ONNX protobuf format to write a model file, without the onnx package.

ONNX Runtime reads a model as protocol-buffer bytes; writing them takes varints and
length-prefixed fields only.  The field numbers are those of onnx.proto (ModelProto,
GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto and TypeProto).
"""

from __future__ import annotations

import struct

import numpy as np

# TensorProto.DataType
FLOAT, UINT8, INT8, INT32, INT64 = 1, 2, 3, 6, 7
_NUMPY_TYPES = {np.dtype(np.float32): FLOAT, np.dtype(np.uint8): UINT8, np.dtype(np.int8): INT8,
                np.dtype(np.int32): INT32, np.dtype(np.int64): INT64}
# AttributeProto.AttributeType
_ATTR_FLOAT, _ATTR_INT, _ATTR_STRING, _ATTR_INTS = 1, 2, 3, 7


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64 as two's complement, ten bytes
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _bytes(field: int, value: bytes | str) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return _varint(field << 3 | 2) + _varint(len(data)) + data


def _float(field: int, value: float) -> bytes:
    return _varint(field << 3 | 5) + struct.pack("<f", value)


def attribute(name: str, value) -> bytes:
    if isinstance(value, float):
        body = _bytes(1, name) + _float(2, value) + _int(20, _ATTR_FLOAT)
    elif isinstance(value, int):
        body = _bytes(1, name) + _int(3, value) + _int(20, _ATTR_INT)
    elif isinstance(value, str):
        body = _bytes(1, name) + _bytes(4, value) + _int(20, _ATTR_STRING)
    else:
        body = _bytes(1, name) + b"".join(_int(8, v) for v in value) + _int(20, _ATTR_INTS)
    return body


def node(op_type: str, inputs: list[str], outputs: list[str], domain: str = "", **attributes) -> bytes:
    body = b"".join(_bytes(1, i) for i in inputs) + b"".join(_bytes(2, o) for o in outputs)
    body += _bytes(3, f"{op_type}_{outputs[0]}") + _bytes(4, op_type)
    body += b"".join(_bytes(5, attribute(k, v)) for k, v in attributes.items())
    if domain:
        body += _bytes(7, domain)
    return body


def tensor(name: str, array: np.ndarray) -> bytes:
    array = np.ascontiguousarray(array)
    body = b"".join(_int(1, d) for d in array.shape) + _int(2, _NUMPY_TYPES[array.dtype])
    return body + _bytes(8, name) + _bytes(9, array.tobytes())


def value_info(name: str, elem_type: int, shape: list[int | str]) -> bytes:
    dims = b"".join(_bytes(1, _bytes(2, d) if isinstance(d, str) else _int(1, d)) for d in shape)
    tensor_type = _int(1, elem_type) + _bytes(2, dims)
    return _bytes(1, name) + _bytes(2, _bytes(1, tensor_type))


def model(nodes: list[bytes], initializers: list[bytes], inputs: list[bytes], outputs: list[bytes],
          opsets: dict[str, int], name: str = "graph", ir_version: int = 8) -> bytes:
    graph = b"".join(_bytes(1, n) for n in nodes) + _bytes(2, name)
    graph += b"".join(_bytes(5, t) for t in initializers)
    graph += b"".join(_bytes(11, i) for i in inputs) + b"".join(_bytes(12, o) for o in outputs)
    out = _int(1, ir_version) + _bytes(2, "janalyq")
    out += b"".join(_bytes(8, _bytes(1, domain) + _int(2, version)) for domain, version in opsets.items())
    return out + _bytes(7, graph)
