"""Framing analysis: SemEval-2025 Task 10 narratives, entity roles and explanations.

``taxonomy`` loads label sets (the shared-task taxonomy or a user's YAML file), ``semeval``
reads and writes the shared-task formats and computes the official metrics, ``features``
turns articles into vectors, ``narrative_model``/``role_model`` hold the linear heads
shipped as safetensors, and ``train`` fits and cross-validates them.
"""
