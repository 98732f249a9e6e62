#!/usr/bin/python3
"""Third-party Modbus slave (pymodbus 3.0.0rc1, Debian python3-pymodbus) serving the
deterministic data set in peer-dataset.json, for the C# master integration tests.

    pymodbus_server.py --tcp PORT [--host 127.0.0.1] [options]
    pymodbus_server.py --rtu DEVICE [--baud 115200] [options]

Options:
    --unit N            unit id answered (default: defaultUnitId from the dataset, 1).
                        Requests for any other unit id get NO reply (dropped by the framer).
    --broadcast         also execute writes sent to unit 0 (never answered)
    --dataset PATH      data set JSON (default: peer-dataset.json next to this script)
    --max-seconds S     watchdog, exit code 3 after S seconds (default 600)
    --stock-rtu-framer  use pymodbus' RTU framer unchanged (an unknown function code
                        is then silently dropped instead of answered with exception 01)
    --verbose           pymodbus debug log on stderr

Prints "LISTENING ..." and then "READY" (flushed) on stdout once it accepts requests.
Exit codes: 0 = SIGTERM/SIGINT, 2 = startup error, 3 = watchdog expired.
Only /usr/bin/python3 sees the Debian pymodbus module.
"""
import argparse
import asyncio
import json
import logging
import os
import signal
import struct
import sys

from pymodbus.datastore import (
    ModbusSequentialDataBlock,
    ModbusServerContext,
    ModbusSlaveContext,
)
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.framer.socket_framer import ModbusSocketFramer
from pymodbus.pdu import ExceptionResponse
from pymodbus.server.async_io import ModbusSerialServer, ModbusTcpServer
from pymodbus.utilities import checkCRC

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATASET = os.path.join(HERE, "peer-dataset.json")

EXIT_OK, EXIT_STARTUP, EXIT_WATCHDOG = 0, 2, 3

# longest RTU ADU is 256 bytes; beyond that an unknown-FC frame can never become valid
_RTU_MAX_ADU = 256


class TolerantRtuFramer(ModbusRtuFramer):
    """RTU framer that can frame requests with function codes pymodbus does not know.

    Stock pymodbus 3.0.0rc1 sizes an RTU frame from the function code only; for an unknown
    function code it uses ExceptionResponse's fixed size (5 bytes), the CRC check fails and
    the whole receive buffer is discarded - the master sees a timeout instead of exception 01
    (over TCP the MBAP length field avoids this and exception 01 is returned).
    Here an unknown function code's frame ends at the first position where the CRC matches;
    the decoder then yields IllegalFunctionRequest and the server answers exception 01.
    """

    def get_expected_response_length(self, data):
        func_code = int(data[1])
        if self.decoder.lookupPduClass(func_code) is not ExceptionResponse:
            return super().get_expected_response_length(data)
        for size in range(4, min(len(data), _RTU_MAX_ADU) + 1):
            crc = (int(data[size - 2]) << 8) | int(data[size - 1])
            if checkCRC(data[: size - 2], crc):
                return size
        if len(data) >= _RTU_MAX_ADU:
            return len(data)  # give up: CRC check fails and the framer resets its buffer
        raise IndexError  # wait for more bytes


def load_dataset(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    tables = data["tables"]
    image = data["holdingImage"]
    if len(image) != tables["holding"]["count"]:
        raise ValueError("holdingImage length does not match tables.holding.count")
    for e in data["entries"]:
        regs = e["registers"]
        a = e["address"]
        if image[a:a + len(regs)] != regs:
            raise ValueError(f"entry {e['name']} disagrees with holdingImage")
        if e["type"] != "ascii":  # cross-check the raw words against the value
            fmt = {"int16": ">h", "uint16": ">H", "int32": ">i", "uint32": ">I",
                   "float32": ">f", "int64": ">q", "uint64": ">Q", "float64": ">d"}[e["type"]]
            words = list(regs)
            if e["wordOrder"] in ("CDAB", "DCBA"):
                words.reverse()
            raw = b"".join(struct.pack(">H", w) for w in words)
            if e["wordOrder"] in ("BADC", "DCBA"):
                raw = b"".join(raw[i:i + 2][::-1] for i in range(0, len(raw), 2))
            if struct.unpack(fmt, raw)[0] != e["value"]:
                raise ValueError(f"entry {e['name']}: registers do not decode to value")
    return data


def build_context(data, unit):
    t = data["tables"]
    slave = ModbusSlaveContext(
        # zero_mode=True: PDU address N is list index N (the default adds 1 to every
        # address, which would shift the whole data set by one register)
        zero_mode=True,
        hr=ModbusSequentialDataBlock(0, list(data["holdingImage"])),
        ir=ModbusSequentialDataBlock(0, [(i * 3) % 65536 for i in range(t["input"]["count"])]),
        co=ModbusSequentialDataBlock(0, [i % 3 == 0 for i in range(t["coils"]["count"])]),
        di=ModbusSequentialDataBlock(0, [i % 5 == 0 for i in range(t["discrete"]["count"])]),
    )
    # single=False: only `unit` is served; the framer silently drops other unit ids
    return ModbusServerContext(slaves={unit: slave}, single=False)


async def run(args):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    exit_code = {"code": EXIT_OK}

    def on_signal(signame):
        print(f"pymodbus_server: {signame}, shutting down", file=sys.stderr, flush=True)
        stop.set()

    def on_watchdog():
        print(f"pymodbus_server: watchdog ({args.max_seconds}s) expired", file=sys.stderr,
              flush=True)
        exit_code["code"] = EXIT_WATCHDOG
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal, sig.name)
    watchdog = loop.call_later(args.max_seconds, on_watchdog)

    data = load_dataset(args.dataset)
    unit = args.unit if args.unit is not None else int(data.get("defaultUnitId", 1))
    context = build_context(data, unit)
    common = {
        "ignore_missing_slaves": True,  # never answer a unit we do not serve
        "broadcast_enable": args.broadcast,
    }

    if args.tcp is not None:
        server = ModbusTcpServer(context, framer=ModbusSocketFramer,
                                 address=(args.host, args.tcp),
                                 allow_reuse_address=True, **common)
        task = asyncio.create_task(server.serve_forever())
        done, _ = await asyncio.wait({task, server.serving}, timeout=10,
                                     return_when=asyncio.FIRST_COMPLETED)
        if server.serving not in done:
            err = task.exception() if task in done else "timeout"
            print(f"pymodbus_server: cannot listen on {args.host}:{args.tcp}: {err}",
                  file=sys.stderr, flush=True)
            return EXIT_STARTUP
        port = server.server.sockets[0].getsockname()[1]
        print(f"LISTENING tcp {args.host}:{port} unit {unit}", flush=True)
    else:
        framer = ModbusRtuFramer if args.stock_rtu_framer else TolerantRtuFramer
        server = ModbusSerialServer(context, framer=framer, port=args.rtu,
                                    baudrate=args.baud, bytesize=8, parity="N", stopbits=1,
                                    timeout=0, **common)
        try:
            await server.start()
        except Exception as exc:  # pylint: disable=broad-except
            print(f"pymodbus_server: cannot open {args.rtu}: {exc}", file=sys.stderr,
                  flush=True)
            return EXIT_STARTUP
        if server.transport is None:  # _connect swallows non-serial errors
            print(f"pymodbus_server: cannot open {args.rtu}", file=sys.stderr, flush=True)
            return EXIT_STARTUP
        task = None
        print(f"LISTENING rtu {args.rtu} {args.baud} 8N1 unit {unit}", flush=True)

    print("READY", flush=True)
    await stop.wait()
    watchdog.cancel()
    if task is not None:
        await server.server_close()
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception):  # pylint: disable=broad-except
            pass
    else:
        await server.shutdown()
    # cancel remaining per-connection handler tasks
    for t in asyncio.all_tasks():
        if t is not asyncio.current_task():
            t.cancel()
    return exit_code["code"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--tcp", type=int, metavar="PORT",
                      help="listen on HOST:PORT (0 = ephemeral, see LISTENING line)")
    mode.add_argument("--rtu", metavar="DEVICE", help="serial device / pty, 8N1")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--baud", type=int, default=115200)
    p.add_argument("--unit", type=int, default=None)
    p.add_argument("--broadcast", action="store_true")
    p.add_argument("--dataset", default=DEFAULT_DATASET)
    p.add_argument("--max-seconds", type=float, default=600.0)
    p.add_argument("--stock-rtu-framer", action="store_true")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args(argv)
    if args.unit is not None and not 1 <= args.unit <= 247:
        p.error("--unit must be 1..247")
    if args.max_seconds <= 0:
        p.error("--max-seconds must be > 0")
    return args


def main(argv):
    args = parse_args(argv)
    # pymodbus.constants calls logging.basicConfig() at import time (ERROR-level noise such
    # as "Handler for stream ... has been canceled" on every disconnect): force our config.
    logging.basicConfig(stream=sys.stderr, force=True,
                        level=logging.DEBUG if args.verbose else logging.CRITICAL,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        return asyncio.run(run(args))
    except (OSError, ValueError, KeyError) as exc:
        print(f"pymodbus_server: {exc}", file=sys.stderr, flush=True)
        return EXIT_STARTUP


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
