/*
 * Loopback webhook receivers for the chat benchmark, in C (epoll, one thread).
 *
 * Listens on COUNT consecutive ports of 127.0.0.1 (HTTP/1.1, keep-alive), parses every request
 * (request line, headers, a Content-Length body read in full), answers each POST with 200 "ok",
 * and counts TCP connections accepted, requests answered and body bytes read per port. A control
 * port answers GET /stats (JSON) and POST /reset; it is not counted. Same interface as
 * receivers.py, which it replaces because a single-threaded Python receiver was the benchmark's
 * ceiling.
 *
 *   cc -O2 -o receivers receivers.c
 *   ./receivers --base-port 19100 --count 50 --control-port 19099 [--max-seconds 1800]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PORTS 1024
#define MAX_HEAD 16384
#define MAX_BODY (1 << 20)

static const char RESPONSE[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
static const char RESPONSE_CLOSE[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
static const char BAD_REQUEST[] =
    "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nbad request";
static const char CONTINUE[] = "HTTP/1.1 100 Continue\r\n\r\n";

static long connections[MAX_PORTS];
static long requests[MAX_PORTS];
static long long body_bytes[MAX_PORTS];
static int port_count;
static int base_port;

enum { KIND_LISTEN, KIND_CONTROL_LISTEN, KIND_CONN, KIND_CONTROL_CONN };

struct conn {
    int kind;
    int fd;
    int port_index;
    char *in;
    size_t in_len, in_cap;
    char *out;
    size_t out_len, out_off, out_cap;
    int close_after_write;
    int continued; /* 100 Continue sent for the request being read */
    int watching_out; /* EPOLLOUT armed: a write would have blocked */
};

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) die("fcntl");
}

static int listen_on(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) die("socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short)port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        fprintf(stderr, "port %d: ", port);
        die("bind");
    }
    if (listen(fd, 1024) < 0) die("listen");
    set_nonblocking(fd);
    return fd;
}

static struct conn *new_conn(int kind, int fd, int port_index) {
    struct conn *c = calloc(1, sizeof *c);
    if (!c) die("calloc");
    c->kind = kind;
    c->fd = fd;
    c->port_index = port_index;
    return c;
}

static void free_conn(struct conn *c) {
    close(c->fd); /* also removes it from the epoll set */
    free(c->in);
    free(c->out);
    free(c);
}

static void append_out(struct conn *c, const char *bytes, size_t length) {
    if (c->out_len + length > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : 1024;
        while (cap < c->out_len + length) cap *= 2;
        c->out = realloc(c->out, cap);
        if (!c->out) die("realloc");
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, bytes, length);
    c->out_len += length;
}

/* Writes what is queued; returns -1 when the connection is to be closed. */
static int flush_out(int epoll_fd, struct conn *c) {
    while (c->out_off < c->out_len) {
        ssize_t n = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (!c->watching_out) {
                    struct epoll_event event = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
                    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c->fd, &event);
                    c->watching_out = 1;
                }
                return 0;
            }
            return -1;
        }
        c->out_off += (size_t)n;
    }
    if (c->watching_out) {
        struct epoll_event event = {.events = EPOLLIN, .data.ptr = c};
        epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c->fd, &event);
        c->watching_out = 0;
    }
    c->out_len = c->out_off = 0;
    return c->close_after_write ? -1 : 0;
}

static void stats_json(char *buffer, size_t size) {
    long total_connections = 0, total_requests = 0, ports_with_requests = 0, max_per_port = 0;
    long long total_bytes = 0;
    for (int i = 0; i < port_count; i++) {
        total_connections += connections[i];
        total_requests += requests[i];
        total_bytes += body_bytes[i];
        if (requests[i] > 0) ports_with_requests++;
        if (connections[i] > max_per_port) max_per_port = connections[i];
    }
    snprintf(buffer, size,
             "{\"connections\": %ld, \"requests\": %ld, \"ports_with_requests\": %ld, \"max_connections_per_port\": %ld, "
             "\"body_bytes\": %lld}",
             total_connections, total_requests, ports_with_requests, max_per_port, total_bytes);
}

/* Case-insensitive header lookup in [head, end); returns the value's start or NULL. */
static const char *header_value(const char *head, const char *end, const char *name, const char **value_end) {
    size_t name_length = strlen(name);
    const char *line = memchr(head, '\n', (size_t)(end - head));
    while (line && line < end) {
        line++;
        const char *line_end = memchr(line, '\r', (size_t)(end - line));
        if (!line_end) line_end = end;
        if ((size_t)(line_end - line) > name_length && line[name_length] == ':' && strncasecmp(line, name, name_length) == 0) {
            const char *value = line + name_length + 1;
            while (value < line_end && (*value == ' ' || *value == '\t')) value++;
            *value_end = line_end;
            return value;
        }
        line = memchr(line_end, '\n', (size_t)(end - line_end));
    }
    return NULL;
}

static int value_is(const char *value, const char *value_end, const char *expected) {
    size_t length = strlen(expected);
    while (value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t')) value_end--;
    return (size_t)(value_end - value) == length && strncasecmp(value, expected, length) == 0;
}

/*
 * Parses and answers every complete request in the input buffer. Returns -1 to close the
 * connection (bad request, or the peer asked for close and has been answered).
 */
static int serve(int epoll_fd, struct conn *c) {
    size_t offset = 0;
    int result = 0;
    while (offset < c->in_len && !c->close_after_write) {
        char *start = c->in + offset;
        size_t available = c->in_len - offset;
        char *head_end = memmem(start, available, "\r\n\r\n", 4);
        if (!head_end) {
            if (available > MAX_HEAD) { append_out(c, BAD_REQUEST, sizeof BAD_REQUEST - 1); c->close_after_write = 1; }
            break;
        }
        const char *end = head_end + 2; /* keep the last header's CRLF inside the range */
        /* Request line: METHOD SP TARGET SP HTTP/1.x */
        const char *space = memchr(start, ' ', (size_t)(end - start));
        const char *line_end = memchr(start, '\r', (size_t)(end - start));
        if (!space || !line_end || space > line_end || line_end - start < 14 || memcmp(line_end - 8, "HTTP/1.", 7) != 0) {
            append_out(c, BAD_REQUEST, sizeof BAD_REQUEST - 1);
            c->close_after_write = 1;
            break;
        }
        int http10 = line_end[-1] == '0';
        int is_post = space - start == 4 && memcmp(start, "POST", 4) == 0;
        int is_get = space - start == 3 && memcmp(start, "GET", 3) == 0;
        const char *target = space + 1;
        const char *value_end;
        long length = 0;
        const char *value = header_value(start, end, "Content-Length", &value_end);
        if (value) {
            char *number_end;
            length = strtol(value, &number_end, 10);
            if (number_end == value || length < 0 || length > MAX_BODY) {
                append_out(c, BAD_REQUEST, sizeof BAD_REQUEST - 1);
                c->close_after_write = 1;
                break;
            }
        }
        if (header_value(start, end, "Transfer-Encoding", &value_end)) {
            /* Not needed by any sender here; refuse rather than mis-frame. */
            append_out(c, BAD_REQUEST, sizeof BAD_REQUEST - 1);
            c->close_after_write = 1;
            break;
        }
        int close_requested = http10;
        value = header_value(start, end, "Connection", &value_end);
        if (value) {
            if (value_is(value, value_end, "close")) close_requested = 1;
            if (value_is(value, value_end, "keep-alive")) close_requested = 0;
        }
        size_t head_length = (size_t)(head_end + 4 - start);
        if (available < head_length + (size_t)length) {
            value = header_value(start, end, "Expect", &value_end);
            if (value && value_is(value, value_end, "100-continue") && !c->continued) {
                append_out(c, CONTINUE, sizeof CONTINUE - 1);
                c->continued = 1;
            }
            break; /* the body is not all here yet */
        }
        c->continued = 0;
        offset += head_length + (size_t)length;
        if (c->kind == KIND_CONTROL_CONN) {
            if (is_post && strncmp(target, "/reset", 6) == 0) {
                memset(connections, 0, sizeof connections);
                memset(requests, 0, sizeof requests);
                memset(body_bytes, 0, sizeof body_bytes);
            } else if (!(is_get && strncmp(target, "/stats", 6) == 0)) {
                append_out(c, BAD_REQUEST, sizeof BAD_REQUEST - 1);
                c->close_after_write = 1;
                break;
            }
            char body[512], response[1024];
            stats_json(body, sizeof body);
            int n = snprintf(response, sizeof response,
                             "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: %zu\r\n\r\n%s",
                             strlen(body), body);
            append_out(c, response, (size_t)n);
            c->close_after_write = 1;
            break;
        }
        if (!is_post) {
            append_out(c, BAD_REQUEST, sizeof BAD_REQUEST - 1);
            c->close_after_write = 1;
            break;
        }
        requests[c->port_index]++;
        body_bytes[c->port_index] += length;
        if (close_requested) {
            append_out(c, RESPONSE_CLOSE, sizeof RESPONSE_CLOSE - 1);
            c->close_after_write = 1;
        } else {
            append_out(c, RESPONSE, sizeof RESPONSE - 1);
        }
    }
    if (offset > 0) {
        memmove(c->in, c->in + offset, c->in_len - offset);
        c->in_len -= offset;
    }
    if (c->out_len > 0) result = flush_out(epoll_fd, c);
    else if (c->close_after_write) result = -1;
    return result;
}

/* Reads what is there; returns -1 when the connection is to be closed. */
static int on_readable(int epoll_fd, struct conn *c) {
    for (;;) {
        if (c->in_cap - c->in_len < 4096) {
            size_t cap = c->in_cap ? c->in_cap * 2 : 8192;
            if (cap > MAX_HEAD + MAX_BODY + 8192) return -1;
            c->in = realloc(c->in, cap);
            if (!c->in) die("realloc");
            c->in_cap = cap;
        }
        ssize_t n = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
        if (n > 0) {
            c->in_len += (size_t)n;
            if (c->in_len < c->in_cap) break; /* drained the socket for now */
            continue;
        }
        if (n == 0) return -1;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        return -1;
    }
    return serve(epoll_fd, c);
}

int main(int argc, char **argv) {
    base_port = 19100;
    port_count = 50;
    int control_port = 19099;
    long max_seconds = 1800;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--base-port") == 0) base_port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--count") == 0) port_count = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--control-port") == 0) control_port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--max-seconds") == 0) max_seconds = atol(argv[i + 1]);
        else { fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    if (port_count < 1 || port_count > MAX_PORTS) { fprintf(stderr, "--count must be 1…%d\n", MAX_PORTS); return 2; }
    signal(SIGPIPE, SIG_IGN);
    int epoll_fd = epoll_create1(0);
    if (epoll_fd < 0) die("epoll_create1");
    for (int i = 0; i <= port_count; i++) {
        int control = i == port_count;
        int fd = listen_on(control ? control_port : base_port + i);
        struct conn *listener = new_conn(control ? KIND_CONTROL_LISTEN : KIND_LISTEN, fd, i);
        struct epoll_event event = {.events = EPOLLIN, .data.ptr = listener};
        if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event) < 0) die("epoll_ctl");
    }
    printf("listening on 127.0.0.1:%d-%d, control %d\n", base_port, base_port + port_count - 1, control_port);
    fflush(stdout);
    time_t deadline = time(NULL) + max_seconds;
    struct epoll_event events[256];
    for (;;) {
        int ready = epoll_wait(epoll_fd, events, 256, 1000);
        if (ready < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        if (time(NULL) >= deadline) break;
        for (int i = 0; i < ready; i++) {
            struct conn *c = events[i].data.ptr;
            if (c->kind == KIND_LISTEN || c->kind == KIND_CONTROL_LISTEN) {
                for (;;) {
                    int fd = accept4(c->fd, NULL, NULL, SOCK_NONBLOCK);
                    if (fd < 0) break;
                    int one = 1;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct conn *accepted = new_conn(c->kind == KIND_LISTEN ? KIND_CONN : KIND_CONTROL_CONN, fd, c->port_index);
                    if (accepted->kind == KIND_CONN) connections[c->port_index]++;
                    struct epoll_event event = {.events = EPOLLIN, .data.ptr = accepted};
                    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event) < 0) free_conn(accepted);
                }
                continue;
            }
            int status = 0;
            if (events[i].events & EPOLLOUT) status = flush_out(epoll_fd, c);
            if (status == 0 && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) status = on_readable(epoll_fd, c);
            if (status < 0) free_conn(c);
        }
    }
    return 0;
}
