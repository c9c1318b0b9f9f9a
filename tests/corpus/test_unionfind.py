from narrascope.corpus.unionfind import UnionFind


def test_the_smallest_key_is_the_root() -> None:
    uf = UnionFind(range(5))
    assert uf.union(4, 2) and uf.union(3, 4)
    assert not uf.union(2, 3)
    assert [uf.find(i) for i in range(5)] == [0, 1, 2, 2, 2]


def test_groups_keep_input_order_and_new_keys_join_lazily() -> None:
    uf: UnionFind[str] = UnionFind()
    uf.union("b", "c")
    uf.union("a", "d")
    assert list(uf) == ["b", "c", "a", "d"]
    assert uf.groups() == {"b": ["b", "c"], "a": ["a", "d"]}
    assert uf.groups(["d", "c", "e"]) == {"a": ["d"], "b": ["c"], "e": ["e"]}
