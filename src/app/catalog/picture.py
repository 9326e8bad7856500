"""A whole step picture as shapes, back to front (see ``app.figure.drawing``).

Here, not in app.figure: it draws a catalog ``Scene``, and the figure's
geometry sits below the catalog (it knows no exercise)."""

from __future__ import annotations

from app.catalog.scene import Scene
from app.figure.drawing import Shape, arrow_shapes, floor_shadow, person
from app.figure.prop_shapes import prop_shapes


def scene_shapes(scene: Scene) -> list[Shape]:
    back: list[Shape] = []
    middle: list[Shape] = []
    front: list[Shape] = []
    for prop in scene.props:
        layers = prop_shapes(prop, scene.figure.facing)
        back += layers["back"]
        middle += layers["middle"]
        front += layers["front"]
    shapes = list(back)
    shadow = floor_shadow(scene.figure)
    if shadow is not None:
        shapes.insert(0, shadow)
    shapes += person(scene.figure, scene.highlight, middle=middle, muscles=scene.muscles)
    shapes += front
    if scene.arrow is not None:
        shapes += arrow_shapes(scene.arrow)
    return shapes
