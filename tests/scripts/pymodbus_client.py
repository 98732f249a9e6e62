#!/usr/bin/python3
"""Third-party Modbus master (pymodbus 3.0.0rc1, Debian python3-pymodbus) for the simulator tests:
reads what it is told and prints what the device answered, so a test can compare it with what the
simulator holds.

    pymodbus_client.py --tcp HOST:PORT  < reads.json
    pymodbus_client.py --rtu DEVICE [--baud 19200] < reads.json

reads.json: [{"unit": 1, "table": "coil|discrete|input|holding", "address": 0, "count": 10}, ...]
Prints one JSON array, one entry per read: {"values": [...]} (registers as integers, bits as 0/1)
or {"error": "..."} for an exception response or no answer. Exit 2 when it cannot connect.
Only /usr/bin/python3 sees the Debian pymodbus module.
"""
import argparse
import json
import sys

from pymodbus.client import ModbusSerialClient, ModbusTcpClient


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tcp")
    parser.add_argument("--rtu")
    parser.add_argument("--baud", type=int, default=19200)
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args()
    if args.tcp:
        host, port = args.tcp.rsplit(":", 1)
        client = ModbusTcpClient(host, port=int(port), timeout=args.timeout, retries=1)
    else:
        client = ModbusSerialClient(port=args.rtu, baudrate=args.baud, parity="N", stopbits=1,
                                    bytesize=8, timeout=args.timeout, retries=1)
    if not client.connect():
        print("cannot connect", file=sys.stderr)
        return 2
    reads = json.load(sys.stdin)
    results = []
    for read in reads:
        function = {
            "coil": client.read_coils,
            "discrete": client.read_discrete_inputs,
            "input": client.read_input_registers,
            "holding": client.read_holding_registers,
        }[read["table"]]
        try:
            response = function(read["address"], read["count"], slave=read["unit"])
        except Exception as error:  # pymodbus raises ModbusIOException on no answer
            results.append({"error": str(error)})
            continue
        if response.isError():
            results.append({"error": str(response)})
        elif read["table"] in ("coil", "discrete"):
            results.append({"values": [1 if b else 0 for b in response.bits[: read["count"]]]})
        else:
            results.append({"values": list(response.registers)})
    client.close()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
