import CLibUV

/// Shared plumbing for every libuv handle owned by a Swift object.
///
/// Ownership rule: while a handle is open, `handle.data` holds a *retained*
/// `Unmanaged` reference to its owner, so the owner cannot disappear under a
/// pending libuv callback. The retain is released, and the handle memory freed,
/// only in the uv_close callback, the first moment libuv promises never to
/// touch the handle again.
protocol LoopHandleOwner: AnyObject {
    /// Closes the handle now (used by `EventLoop.close()` for leftovers).
    func closeForLoopShutdown()
    /// Called from the uv_close callback; the handle memory is freed right after.
    func handleDidClose()
}

/// Views any libuv handle struct as the common `uv_handle_t` prefix.
@inline(__always)
func asHandle<T>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<uv_handle_t> {
    UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: uv_handle_t.self)
}

/// Views a TCP handle as the `uv_stream_t` it starts with.
@inline(__always)
func asStream(_ pointer: UnsafeMutablePointer<uv_tcp_t>) -> UnsafeMutablePointer<uv_stream_t> {
    UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: uv_stream_t.self)
}

/// Stores a retained reference to `owner` in the handle; undone in `closeAndFree`.
func attach<T>(_ owner: LoopHandleOwner, to handle: UnsafeMutablePointer<T>) {
    asHandle(handle).pointee.data = Unmanaged.passRetained(owner as AnyObject).toOpaque()
}

/// The owner stored in a handle, without touching the retain count.
@inline(__always)
func owner<O: AnyObject>(of handle: UnsafeMutablePointer<uv_handle_t>?, as type: O.Type) -> O? {
    guard let data = handle?.pointee.data else { return nil }
    return Unmanaged<O>.fromOpaque(data).takeUnretainedValue()
}

/// Starts closing `handle` unless a close is already under way. The close
/// callback releases the owner (if any) and frees the handle memory.
func closeAndFree(_ handle: UnsafeMutablePointer<uv_handle_t>) {
    guard uv_is_closing(handle) == 0 else { return }
    uv_close(handle) { handle in
        guard let handle else { return }
        if let data = handle.pointee.data {
            handle.pointee.data = nil
            let owner = Unmanaged<AnyObject>.fromOpaque(data).takeRetainedValue()
            (owner as? LoopHandleOwner)?.handleDidClose()
        }
        // Every handle was allocated as a single typed element with the
        // default alignment, so freeing through the raw pointer is equivalent.
        UnsafeMutableRawPointer(handle).deallocate()
    }
}

/// Size of the one read buffer shared by all connections of a loop.
let sharedReadBufferSize = 64 * 1024

/// uv_alloc_cb handing out the loop's shared read buffer (stored in `loop.data`).
/// Safe because every read callback consumes its bytes before returning, and a
/// loop only ever runs one read callback at a time.
let sharedBufferAllocCallback: uv_alloc_cb = { handle, _, buf in
    guard let handle, let buf, let base = handle.pointee.loop.pointee.data else { return }
    buf.pointee = uv_buf_t(base: base.assumingMemoryBound(to: CChar.self), len: sharedReadBufferSize)
}
