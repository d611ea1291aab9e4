namespace AwsIotDevice.Benchmarks;

/// <summary>
/// The Python side of benchmark (c): paho-mqtt 1.6 doing what the device does, one QoS 1 publish, over either route:
/// "tcp" = TLS with ALPN mqtt and the custom-auth username; "websockets" = paho's WebSocket transport
/// (<c>transport="websockets"</c>, <c>ws_set_options(path="/mqtt", headers=...)</c>, <c>tls_set</c> with the CA, no ALPN)
/// with the credentials as upgrade headers, taken from the environment (PAHO_AUTHORIZER, PAHO_TOKEN_KEY, PAHO_TOKEN,
/// PAHO_SIGNATURE) so they stay off the command line.
/// </summary>
internal static class PahoScript
{
    /// <summary>Debian's interpreter, which has python3-paho-mqtt (pyenv shims usually do not).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// argv: host port cafile clientId username topic transport. Prints one JSON line with Unix-second timestamps:
    /// imported (paho loaded), connected (CONNACK), acked (PUBACK).
    /// </summary>
    public const string Source = """
        import json, os, ssl, sys, threading, time
        import paho.mqtt.client as mqtt
        imported = time.time()
        host, port, cafile, client_id, username, topic, transport = sys.argv[1:8]
        connected = threading.Event()
        result = {}
        def on_connect(client, userdata, flags, rc):
            result["rc"] = rc
            result["connected"] = time.time()
            connected.set()
        c = mqtt.Client(client_id=client_id, clean_session=True, protocol=mqtt.MQTTv311, transport=transport)
        if transport == "websockets":
            c.ws_set_options(path="/mqtt", headers={
                "x-amz-customauthorizer-name": os.environ["PAHO_AUTHORIZER"],
                "x-amz-customauthorizer-signature": os.environ["PAHO_SIGNATURE"],
                os.environ["PAHO_TOKEN_KEY"]: os.environ["PAHO_TOKEN"]})
            c.tls_set(ca_certs=cafile)
        else:
            ctx = ssl.create_default_context(cafile=cafile)
            ctx.set_alpn_protocols(["mqtt"])
            c.tls_set_context(ctx)
            c.username_pw_set(username)
        c.on_connect = on_connect
        c.connect(host, int(port), keepalive=30)
        c.loop_start()
        if not connected.wait(15) or result.get("rc") != 0:
            print(json.dumps({"error": "no CONNACK 0", "rc": result.get("rc")}))
            sys.exit(1)
        payload = json.dumps({"device": client_id, "seq": 1, "uptimeMs": 0, "readings": {"value": 1}}, separators=(",", ":"))
        info = c.publish(topic, payload, qos=1)
        info.wait_for_publish(15)
        acked = time.time()
        c.disconnect()
        c.loop_stop()
        print(json.dumps({"imported": imported, "connected": result["connected"], "acked": acked}))
        """;
}
