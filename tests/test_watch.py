import threading
import time

from searchkit.watch import watch


def test_watch_indexes_added_changed_and_removed_speeches(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("第一篇\n　　发展电子商务。\n", encoding="utf-8")
    reports, errors = [], []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=([corpus], tmp_path / "ix", reports.append, errors.append), kwargs={"debounce": 0.3, "stop": stop}
    )
    thread.start()

    def wait_for(predicate, timeout=15.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.1)
        return False

    try:
        assert wait_for(lambda: reports and reports[0].added_ids == ("a",))
        (corpus / "b.txt").write_text("第二篇\n　　推进乡村振兴。\n", encoding="utf-8")
        assert wait_for(lambda: any(r.added_ids == ("b",) for r in reports))
        (corpus / "a.txt").unlink()
        assert wait_for(lambda: any(r.removed_ids == ("a",) for r in reports))
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive() and errors == []


def test_watch_follows_links_out_of_the_folder_only_when_asked(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "linked.txt").write_text("外面的\n　　推进乡村振兴。\n", encoding="utf-8")
    for follow in (False, True):
        corpus = tmp_path / f"c{follow}"
        corpus.mkdir()
        (corpus / "linked.txt").symlink_to(outside / "linked.txt")
        reports, errors = [], []
        stop = threading.Event()
        stop.set()  # one update, then stop
        watch([corpus], tmp_path / f"ix{follow}", reports.append, errors.append, stop=stop, follow=follow)
        assert errors == []
        assert reports[0].added_ids == (("linked",) if follow else ())
        assert bool(reports[0].skipped) is not follow


def test_watch_reports_a_skipped_file_once_not_on_every_update(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("第一篇\n　　发展电子商务。\n", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"")  # empty: skipped
    reports, errors = [], []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=([corpus], tmp_path / "ix", reports.append, errors.append), kwargs={"debounce": 0.2, "stop": stop}
    )
    thread.start()

    def wait_for(predicate, timeout=15.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not predicate():
            time.sleep(0.05)
        return predicate()

    try:
        assert wait_for(lambda: reports)
        for name in ("b", "c"):  # two more updates, the bad file still there
            (corpus / f"{name}.txt").write_text(f"第{name}篇\n　　推进乡村振兴。\n", encoding="utf-8")
            assert wait_for(lambda: any(r.added_ids == (name,) for r in reports))
        (corpus / "bad.txt").write_text("修好了\n　　科技创新。\n", encoding="utf-8")
        assert wait_for(lambda: any(r.added_ids == ("bad",) for r in reports))
        (corpus / "bad.txt").write_bytes(b"")  # bad again: news again
        assert wait_for(lambda: sum(len(r.skipped) for r in reports) == 2)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert errors == [] and [s.source for r in reports for s in r.skipped] == [str(corpus / "bad.txt")] * 2
