"""The neural judge: an int8 ONNX cross-encoder shipped in data/ (trained by training/, see docs/model-card.md)."""
