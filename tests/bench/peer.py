"""peer.py - the Python peers that make bench times beside xent.

    peer.py loss FILE    pandas read_csv, then torch cross_entropy (the mean
                         loss, label column as targets, the class columns
                         as logits): the peer of `xent eval --summary`
    peer.py table FILE   pandas read_csv, then to_csv to /dev/null: the
                         peer of the full `xent eval` table
    peer.py versions     the Python, pandas and torch versions in use

Prints one line, what it computed, so a run can be checked by eye.
"""
import sys

import pandas as pd


def versions():
    import platform

    out = f"python {platform.python_version()}, pandas {pd.__version__}"
    try:
        import torch

        n = torch.get_num_threads()
        out += f", torch {torch.__version__} ({n} thread{'s' if n != 1 else ''})"
    except ImportError:
        pass
    print(out)


def main():
    if sys.argv[1:] == ["versions"]:
        return versions()
    what, path = sys.argv[1], sys.argv[2]
    df = pd.read_csv(path)
    classes = [c for c in df.columns if c != "label"]
    if what == "loss":
        import torch

        loss = torch.nn.functional.cross_entropy(
            torch.tensor(df[classes].values), torch.tensor(df["label"].values)
        )
        print(f"rows={len(df)} mean_loss={loss.item():.15g}")
    elif what == "table":
        df.to_csv("/dev/null", index=False)
        print(f"rows={len(df)} columns={len(df.columns)}")
    else:
        sys.exit(f"peer.py: unknown peer '{what}' (loss or table)")


main()
