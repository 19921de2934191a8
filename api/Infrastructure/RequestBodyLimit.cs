using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Infrastructure;

/// <summary>
/// Answers an oversized body with a 413 problem before any endpoint reads it. Kestrel enforces the
/// same limit on chunked bodies; hosts without that feature (the test server) get a counting stream.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, IOptions<LimitsOptions> options)
{
    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is long length && length > _limit)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large",
                $"The request body is {length:N0} bytes; this API accepts at most {_limit:N0} bytes.",
                new Dictionary<string, object?> { ["limitBytes"] = _limit });
            return;
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = _limit;
        }
        else if (feature is null && context.Request.ContentLength is null)
        {
            context.Request.Body = new LimitedStream(context.Request.Body, _limit);
        }

        await next(context);
    }

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
