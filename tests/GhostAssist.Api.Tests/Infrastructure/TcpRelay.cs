using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace GhostAssist.Api.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a real server (the suite's Redis), so a test can make that server
/// unreachable mid-test (<see cref="Cut"/>) without stopping it for the other tests.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpRelay(EndPoint target)
    {
        _listener.Start();
        _accepting = AcceptAsync(target);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Closes every relayed connection and refuses new ones, as a stopped server would.</summary>
    public void Cut()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }

    private async Task AcceptAsync(EndPoint target)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(((IPEndPoint)target).Address, ((IPEndPoint)target).Port, _stop.Token);
                _connections.Add(client);
                _connections.Add(server);
                _ = PumpAsync(client.GetStream(), server.GetStream());
                _ = PumpAsync(server.GetStream(), client.GetStream());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut: nothing more is accepted.
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // One side closed or the relay was cut.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
