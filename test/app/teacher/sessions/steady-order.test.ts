import { describe, expect, it } from "vitest";
import type { Tile } from "@/app/teacher/sessions/[id]/_lib/dashboard-state";
import { LOSS_REORDER_INTERVAL_MS, steadyOrder } from "@/app/teacher/sessions/[id]/_lib/use-steady-order";

const tile = (id: string) => ({ id }) as Tile;
const ids = (tiles: Tile[]) => tiles.map((t) => t.id);

describe("steadyOrder", () => {
  it("holds the loss order between refreshes, then takes the new one", () => {
    const first = steadyOrder(null, [tile("a"), tile("b"), tile("c")], "loss", 0);
    expect(ids(first.tiles)).toEqual(["a", "b", "c"]);
    const held = steadyOrder(first.held, [tile("c"), tile("a"), tile("b")], "loss", LOSS_REORDER_INTERVAL_MS - 1);
    expect(ids(held.tiles)).toEqual(["a", "b", "c"]);
    const refreshed = steadyOrder(held.held, [tile("c"), tile("a"), tile("b")], "loss", LOSS_REORDER_INTERVAL_MS);
    expect(ids(refreshed.tiles)).toEqual(["c", "a", "b"]);
  });

  it("re-sorts at once when a student joins or leaves, or the sort key changes", () => {
    const first = steadyOrder(null, [tile("a"), tile("b")], "loss", 0);
    expect(ids(steadyOrder(first.held, [tile("c"), tile("b"), tile("a")], "loss", 10).tiles)).toEqual(["c", "b", "a"]);
    expect(ids(steadyOrder(first.held, [tile("b")], "loss", 10).tiles)).toEqual(["b"]);
    expect(ids(steadyOrder(first.held, [tile("b"), tile("a")], "name", 10).tiles)).toEqual(["b", "a"]);
  });

  it("never holds the join-time or name orders, which do not change while training", () => {
    const first = steadyOrder(null, [tile("a"), tile("b")], "name", 0);
    expect(ids(steadyOrder(first.held, [tile("b"), tile("a")], "name", 10).tiles)).toEqual(["b", "a"]);
  });
});
