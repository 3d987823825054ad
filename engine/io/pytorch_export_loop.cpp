// The training loop of an exported PyTorch script (engine/io/pytorch_export_loop.h): plain Python
// that reads the settings the exporter wrote above it (pytorch_export_training.cpp) and the data
// (pytorch_export_data.cpp).
#include "engine/io/pytorch_export_loop.h"

namespace bp {
namespace {

// Data: the app's splits, embedded or read from IDX files by path; the app's shuffle stream.
const char* kDataCode = R"PY(
def _floats(text):
    raw = base64.b64decode(text)
    return torch.frombuffer(bytearray(raw), dtype=torch.float32).clone() if raw else torch.zeros(0)


def _int64s(text):
    raw = base64.b64decode(text)
    return torch.frombuffer(bytearray(raw), dtype=torch.int64).clone() if raw else torch.zeros(0, dtype=torch.int64)


def read_idx(path):
    """An IDX file (the MNIST format, plain or gzip) as a uint8 tensor of its dimensions."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    count = 1
    for d in dims:
        count *= d
    data = torch.frombuffer(bytearray(raw[4 + 4 * ndim:4 + 4 * ndim + count]), dtype=torch.uint8)
    return data.reshape(dims)


class Split:
    """One split of the app's data: inputs x (N, *SAMPLE_SHAPE), the loss's targets and the class
    labels (for accuracy; None for regression)."""

    def __init__(self, x, y):
        self.x = x.reshape(-1, *SAMPLE_SHAPE)
        n = self.x.shape[0]
        self.labels = None if TARGETS in ("regression", "reconstruct") else y.long()
        if TARGETS == "class_index":
            self.t = y.long()
        elif TARGETS == "one_hot":
            self.t = F.one_hot(y.long(), NUM_OUTPUTS).float()
        elif TARGETS == "plus_minus_one":  # +1 for the class, -1 for the others
            self.t = F.one_hot(y.long(), NUM_OUTPUTS).float() * 2 - 1
        elif TARGETS == "reconstruct":  # an autoencoder: the target is the input, flattened
            self.t = self.x.reshape(n, -1).clone()
        else:  # "scalar" (the class as a number) or "regression"
            self.t = y.reshape(n, -1)

    def __len__(self):
        return self.x.shape[0]


def load_data():
    """The training, validation and test splits exactly as the app built them."""
    images = {}
    splits = {}
    for name in ("train", "validation", "test"):
        part = DATA[name]
        if DATA["source"] == "embedded":
            x = _floats(part["x"])
        else:  # "idx": the app's sample indices into the files, its scaling and normalization
            path = DATA[part["file"] + "_images"]
            if path not in images:
                images[path] = read_idx(path)
            pixels = images[path][_int64s(part["indices"])]
            x = pixels.to(torch.float32).mul_(DATA["scale"]).reshape(-1, *SAMPLE_SHAPE)
            if DATA["mean"]:
                channels = (1, -1) + (1,) * (len(SAMPLE_SHAPE) - 1)
                mean = torch.tensor(DATA["mean"], dtype=torch.float32).reshape(channels)
                inv_std = torch.tensor(DATA["inv_std"], dtype=torch.float32).reshape(channels)
                x = (x - mean) * inv_std
        splits[name] = Split(x, _floats(part["y"]))
    return splits


_M64 = (1 << 64) - 1


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & _M64


class AppShuffle:
    """The app's shuffle stream (xoshiro256**, Lemire's bounded integers, Fisher-Yates), so a
    single process visits the samples in the order the app would have."""

    def __init__(self, state):
        self.s = [int(v, 16) if isinstance(v, str) else int(v) for v in state]

    def next_u64(self):
        s0, s1, s2, s3 = self.s
        result = (_rotl((s1 * 5) & _M64, 7) * 9) & _M64
        t = (s1 << 17) & _M64
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = _rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def below(self, n):
        threshold = ((1 << 64) - n) % n
        while True:
            m = self.next_u64() * n
            if (m & _M64) >= threshold:
                return m >> 64

    def shuffle(self, order):
        for i in range(len(order), 1, -1):
            j = self.below(i)
            order[i - 1], order[j] = order[j], order[i - 1]
)PY";

// Optimizer, schedule, loss, state.
const char* kSetupCode = R"PY(

def make_loss():
    return getattr(nn, LOSS)(**LOSS_ARGS)


def make_optimizer(model):
    return getattr(torch.optim, OPTIMIZER)(model.parameters(), **OPTIMIZER_ARGS)


def parameter(model, name):
    """A parameter of `model` by its name in the project ("fc1.weight")."""
    node, _, leaf = name.rpartition(".")
    return dict(model.named_parameters())[NAMES[node] + "." + leaf]


@torch.no_grad()
def init_like_app(model):
    """Draws every parameter from the app's initializer for it (INIT): the distributions of the
    app's fresh start, from torch's random stream (so not the app's numbers)."""
    for name, (kind, *args) in INIT.items():
        p = parameter(model, name)
        if kind == "uniform":
            p.uniform_(args[0], args[1])
        elif kind == "normal":
            p.normal_(args[0], args[1])
        elif kind == "constant":
            p.fill_(args[0])
        else:  # "orthogonal"
            nn.init.orthogonal_(p, gain=args[0])


class Schedule:
    """The app's schedule: the optional linear warm-up (LinearLR), then torch's SCHEDULE started
    afresh from the base rate (as SequentialLR would), stepped once per epoch."""

    def __init__(self, optimizer, state=None):
        self.optimizer = optimizer
        self.epoch = state["epoch"] if state else 0
        self.warmup = None
        self.main = None
        for group in optimizer.param_groups:
            group["lr"] = BASE_LR
            group["initial_lr"] = BASE_LR
        if self.epoch < WARMUP_EPOCHS:
            self.warmup = torch.optim.lr_scheduler.LinearLR(
                optimizer, start_factor=WARMUP_START_FACTOR, end_factor=1.0,
                total_iters=WARMUP_EPOCHS)
        else:
            self.main = self._make_main()
        if state:
            self._restore(state)

    def _make_main(self):
        for group in self.optimizer.param_groups:
            group["lr"] = BASE_LR
        if SCHEDULE is None:
            return None
        return getattr(torch.optim.lr_scheduler, SCHEDULE)(self.optimizer, **SCHEDULE_ARGS)

    def _restore(self, s):
        scheduler = self.warmup or self.main
        if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
            scheduler.best = s["best"] if s.get("has_best") else math.inf
            scheduler.num_bad_epochs = s.get("bad_epochs", 0)
            scheduler.cooldown_counter = s.get("cooldown_left", 0)
        elif scheduler is not None:
            scheduler.last_epoch = self.epoch - (0 if self.warmup else WARMUP_EPOCHS)
            scheduler._last_lr = [s["lr"]]
        for group in self.optimizer.param_groups:
            group["lr"] = s["lr"]

    def lr(self):
        return self.optimizer.param_groups[0]["lr"]

    def step(self, monitored_loss):
        """Ends an epoch; `monitored_loss`: the validation loss (the training loss without a
        validation split), read by ReduceLROnPlateau."""
        self.epoch += 1
        if self.warmup is not None:
            if self.epoch < WARMUP_EPOCHS:
                self.warmup.step()
            else:
                self.warmup = None
                self.main = self._make_main()
        elif isinstance(self.main, torch.optim.lr_scheduler.ReduceLROnPlateau):
            self.main.step(monitored_loss)
        elif self.main is not None:
            self.main.step()


def load_optimizer_state(optimizer, model, saved):
    """Hands the app's optimizer buffers (by parameter, flat in the project's order) to torch.
    Returns what did not carry over, or None."""
    if saved is None:
        return "the project holds no optimizer state: the optimizer starts fresh"
    if OPTIMIZER_STATE_GAP:
        return OPTIMIZER_STATE_GAP
    if saved.get("kind") != OPTIMIZER:
        return f"the saved optimizer state is {saved.get('kind')}'s, not {OPTIMIZER}'s: it starts fresh"
    buffers = {name: _floats(text) for name, text in saved.get("buffers", {}).items()}
    scalars = saved.get("scalars", {})
    index = {id(p): i for i, p in enumerate(optimizer.param_groups[0]["params"])}
    state, offset = {}, 0
    for name, numel in saved.get("parameters", []):
        try:
            p = parameter(model, name)
        except KeyError:
            return f"the saved optimizer state names {name}, which this network lacks: it starts fresh"
        if p.numel() != numel:
            return f"the saved optimizer state does not fit {name}: it starts fresh"
        entry = {key: b[offset:offset + numel].reshape(p.shape).clone() for key, b in buffers.items()}
        entry["step"] = torch.tensor(float(saved.get("steps", 0)))
        for key in OPTIMIZER_STATE_SCALARS:
            if key in scalars:
                entry[key] = torch.tensor(float(scalars[key]))
        state[index[id(p)]] = entry
        offset += numel
    full = optimizer.state_dict()
    full["state"] = state
    optimizer.load_state_dict(full)
    return None


def penalty(model):
    """L1 and L2 on the connection weights (not biases, not norm parameters), as the app adds
    them to the loss: l1 * sum|w| + l2 / 2 * sum w^2."""
    total = 0.0
    for name in PENALIZED:
        w = parameter(model, name)
        if L1 > 0:
            total = total + L1 * w.abs().sum()
        if L2 > 0:
            total = total + (L2 / 2) * (w * w).sum()
    return total


@torch.no_grad()
def scale_layer_gradients(model):
    """The layers' learning-rate scales: their gradients times LR_SCALE, before the step."""
    for name, scale in LR_SCALE.items():
        p = parameter(model, name)
        if p.grad is not None:
            p.grad.mul_(scale)


@torch.no_grad()
def apply_max_norm(model):
    for name, rows in PENALIZED.items():
        w = parameter(model, name)
        flat = w.view(rows, -1)
        flat.copy_(torch.renorm(flat, 2, 0, MAX_NORM))


def correct_count(out, labels):
    if labels is None:
        return 0
    if out.shape[1] == 1:
        predicted = (out[:, 0] > DECISION_THRESHOLD).long()
    else:
        predicted = out.argmax(dim=1)
    return int((predicted == labels).sum())


@torch.no_grad()
def evaluate(model, split, loss_fn, device):
    """(mean loss, accuracy or None) on a split in eval mode, in batches of 256."""
    if len(split) == 0:
        return None, None
    was_training = model.training
    model.eval()
    loss_sum, correct = 0.0, 0
    for begin in range(0, len(split), 256):
        x = split.x[begin:begin + 256].to(device)
        out = model(x)
        loss_sum += float(loss_fn(out, split.t[begin:begin + 256].to(device))) * x.shape[0]
        if split.labels is not None:
            correct += correct_count(out, split.labels[begin:begin + 256].to(device))
    model.train(was_training)
    return loss_sum / len(split), (correct / len(split) if split.labels is not None else None)
)PY";

// The run: processes, the epoch loop, the outputs.
const char* kRunCode = R"PY(

def read_project(path):
    if not path:
        return {}
    with open(path) as f:
        return json.load(f)


def export_weights(model):
    """The weights by their names in the project, in the project file's format."""
    back = {attr: node for node, attr in NAMES.items()}
    weights = {}
    for key, value in model.state_dict().items():
        attr, _, leaf = key.rpartition(".")
        if leaf == "num_batches_tracked" or attr not in back:
            continue
        weights[back[attr] + "." + leaf] = {"shape": list(value.shape),
                                            "data": value.detach().cpu().reshape(-1).tolist()}
    return weights


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", nargs="?", help="the project (or model.json) to continue from")
    parser.add_argument("--epochs", type=int, help="epochs to train from where the project stands "
                        "(default: to the epoch the app was training to, else EPOCHS more)")
    parser.add_argument("--steps", type=int, help="stop after this many optimizer steps, printing "
                        "each step's loss")
    parser.add_argument("--out", default="pytorch-run", help="output folder (rank 0 writes it)")
    parser.add_argument("--device", help="cpu, cuda, cuda:1, ... (default: the local GPU if any)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if TRAINING_UNAVAILABLE:
        sys.exit("cannot train in PyTorch: " + TRAINING_UNAVAILABLE)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    distributed = world > 1
    if args.device:
        device = torch.device(args.device)
    elif torch.cuda.is_available():
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")
    if device.type == "cuda":
        if device.index is None:
            device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    if distributed:
        torch.distributed.init_process_group("nccl" if device.type == "cuda" else "gloo")
    lead = rank == 0
    say = print if lead else (lambda *a, **k: None)
    torch.manual_seed(SEED + rank)  # dropout: torch's own stream (the app's does not carry)

    project = read_project(args.project)
    saved = project.get("training_state") or {}
    net = Net()
    if project.get("weights"):
        load_weights(net, args.project)
    else:
        init_like_app(net)
        say("the project holds no weights: training starts from the app's initializers, drawn "
            "from torch's random stream")
    net.to(device).train()
    model = net
    if distributed:
        model = nn.parallel.DistributedDataParallel(
            net, device_ids=[device.index] if device.type == "cuda" else None)

    data = load_data()
    train, validation = data["train"], data["validation"]
    loss_fn = make_loss()
    optimizer = make_optimizer(net)
    notes = list(NOT_CARRIED)
    note = load_optimizer_state(optimizer, net, saved.get("optimizer"))
    if note and saved:
        notes.append(note)
    schedule = Schedule(optimizer, saved.get("scheduler"))
    stopping = dict(EARLY_STOPPING or {})
    if EARLY_STOPPING and saved.get("early_stopping"):
        es = saved["early_stopping"]
        stopping.update(best=es.get("best_loss") if es.get("has_best") else None,
                        bad=es.get("bad_epochs", 0), best_epoch=es.get("best_epoch", 0))
        notes.append("early stopping: the best weights of the app's run stay there; the best "
                     "of this run is restored")
    best_weights = None

    # Where the app stood: the epoch in progress and its sample order (one process only).
    step = saved.get("step", 0)
    epoch = saved.get("epoch", 0)
    progress = saved.get("epoch_in_progress", {})
    order = _int64s(progress["order"]).tolist() if progress.get("order") else list(range(len(train)))
    cursor = progress.get("cursor", 0) if len(order) == len(train) else 0
    if len(order) != len(train):
        order = list(range(len(train)))
    loss_sum = progress.get("loss_sum", 0.0) if cursor else 0.0
    correct = progress.get("correct", 0) if cursor else 0
    seen = progress.get("seen", 0) if cursor else 0
    shuffle = AppShuffle(saved.get("random", {}).get("shuffle", {}).get("state", FRESH_SHUFFLE_STATE))
    full_batch = OPTIMIZER == "LBFGS"  # one step over the whole training set per epoch
    batch_size = len(train) if full_batch else BATCH_SIZE
    if distributed:
        sampler = torch.utils.data.distributed.DistributedSampler(
            range(len(train)), num_replicas=world, rank=rank, shuffle=True, seed=SEED)
        if cursor:
            notes.append("distributed: the epoch in progress starts over with DistributedSampler")
        cursor, loss_sum, correct, seen = 0, 0.0, 0, 0

    if args.epochs is not None:
        target = epoch + args.epochs
    elif saved.get("target_epoch", 0) > epoch and not saved.get("stopped_early"):
        target = saved["target_epoch"]
    else:
        target = epoch + EPOCHS
    for n in notes:
        say("note:", n)
    say(f"training {OPTIMIZER} on {len(train)} samples, batch {batch_size}"
        + (f" per process x {world} processes" if distributed else "")
        + f", from epoch {epoch} (step {step}) to epoch {target}")

    if lead:
        os.makedirs(args.out, exist_ok=True)
    history = []
    stopped = False
    while epoch < target and not stopped:
        if args.steps is not None and step >= saved.get("step", 0) + args.steps:
            break
        if distributed:
            sampler.set_epoch(epoch)
            batches = list(sampler)
        elif full_batch:
            batches = list(range(len(train)))
        else:
            if cursor == 0:
                shuffle.shuffle(order)
            batches = order
        position = cursor
        while position < len(batches):
            if args.steps is not None and step >= saved.get("step", 0) + args.steps:
                break
            batch = torch.tensor(batches[position:position + batch_size], dtype=torch.int64)
            x, t = train.x[batch].to(device), train.t[batch].to(device)
            outputs = []

            def closure():
                optimizer.zero_grad()
                out = model(x)
                outputs.append(out.detach())
                loss = loss_fn(out, t)
                if L1 > 0 or L2 > 0:
                    loss = loss + penalty(net)
                loss.backward()
                if full_batch:  # the app's L-BFGS step: no clipping, scales or max-norm
                    return loss
                if CLIP_GRAD_NORM > 0:
                    torch.nn.utils.clip_grad_norm_(net.parameters(), CLIP_GRAD_NORM)
                if CLIP_GRAD_VALUE > 0:
                    torch.nn.utils.clip_grad_value_(net.parameters(), CLIP_GRAD_VALUE)
                if LR_SCALE:
                    scale_layer_gradients(net)
                return loss

            loss = optimizer.step(closure)  # the first evaluation's loss (LBFGS evaluates more)
            if MAX_NORM > 0 and not full_batch:
                apply_max_norm(net)
            out = outputs[0]
            value = float(loss.detach())
            step += 1
            if args.steps is not None:
                say(f"step {step} loss {value:.9g}")
            if not math.isfinite(value):
                sys.exit(f"the loss became {value} at step {step}: try a lower learning rate")
            loss_sum += value * len(batch)
            seen += len(batch)
            if train.labels is not None:
                correct += correct_count(out, train.labels[batch].to(device))
            position += len(batch)
        cursor = position
        if cursor < len(batches):
            break  # --steps ended the run inside an epoch
        # The epoch ended: evaluate, record, schedule, early stopping.
        totals = torch.tensor([loss_sum, float(seen), float(correct)], dtype=torch.float64)
        if distributed:
            torch.distributed.all_reduce(totals)
        train_loss = float(totals[0] / totals[1])
        train_acc = float(totals[2] / totals[1]) if train.labels is not None else None
        val_loss, val_acc = evaluate(net, validation, loss_fn, device)
        epoch += 1
        record = {"epoch": epoch, "train_loss": train_loss, "train_accuracy": train_acc,
                  "validation_loss": val_loss, "validation_accuracy": val_acc, "lr": schedule.lr()}
        history.append(record)
        say(f"epoch {epoch}: train loss {train_loss:.6g}"
            + (f" accuracy {train_acc:.4f}" if train_acc is not None else "")
            + (f" | validation loss {val_loss:.6g}" if val_loss is not None else "")
            + (f" accuracy {val_acc:.4f}" if val_acc is not None else "")
            + f" | lr {schedule.lr():.6g}")
        monitored = val_loss if val_loss is not None else train_loss
        schedule.step(monitored)
        if EARLY_STOPPING:
            best = stopping.get("best")
            if math.isfinite(monitored) and (best is None or monitored < best - stopping["min_delta"]):
                stopping.update(best=monitored, bad=0, best_epoch=epoch)
                best_weights = {k: v.detach().clone() for k, v in net.state_dict().items()}
            else:
                stopping["bad"] = stopping.get("bad", 0) + 1
                if stopping["bad"] >= stopping["patience"]:
                    stopped = True
                    say(f"early stopping at epoch {epoch} (best: epoch {stopping['best_epoch']})")
                    if stopping["restore_best"] and best_weights is not None:
                        net.load_state_dict(best_weights)
        cursor, loss_sum, correct, seen = 0, 0.0, 0, 0

    if lead:
        test_loss, test_acc = evaluate(net, data["test"], loss_fn, device)
        if test_loss is not None:
            say(f"test loss {test_loss:.6g}" + (f" accuracy {test_acc:.4f}" if test_acc is not None else ""))
        with open(os.path.join(args.out, "metrics.csv"), "w") as f:
            f.write("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,lr\n")
            for r in history:
                f.write(",".join("" if r[k] is None else repr(r[k]) for k in
                                 ("epoch", "train_loss", "train_accuracy", "validation_loss",
                                  "validation_accuracy", "lr")) + "\n")
        out = dict(project)
        out.pop("training_state", None)  # the app starts a fresh optimizer from these weights
        out["weights"] = export_weights(net)
        with open(os.path.join(args.out, "model.json"), "w") as f:
            json.dump(out, f)
        torch.save({"model": net.state_dict(), "optimizer": optimizer.state_dict(),
                    "epoch": epoch, "step": step}, os.path.join(args.out, "checkpoint.pt"))
        say(f"wrote {args.out}/model.json, metrics.csv and checkpoint.pt")
    if distributed:
        torch.distributed.barrier()
        torch.distributed.destroy_process_group()


if __name__ == "__main__":
    main()
)PY";

}  // namespace

std::string pytorch_training_loop_code() {
  return std::string(kDataCode) + kSetupCode + kRunCode;
}

}  // namespace bp
