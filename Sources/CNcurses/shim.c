#include "CNcurses.h"
#include <string.h>
#include <stdlib.h>
#include <signal.h>
#include <unistd.h>
#include <poll.h>

static int started = 0;

int mlcf_init(void) {
    setlocale(LC_ALL, "");
    if (getenv("ESCDELAY") == NULL) set_escdelay(25);
    if (initscr() == NULL) return -1;
    started = 1;
    raw();              /* Ctrl-C, Ctrl-S, Ctrl-Q reach the app as keys */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    meta(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    /* Bracketed paste: the terminal wraps pasted text in ESC[200~ ... ESC[201~, so a paste
       is read as text and never run as commands. */
    define_key("\033[200~", MLCF_KEY_PASTE_START);
    define_key("\033[201~", MLCF_KEY_PASTE_END);
    fputs("\033[?2004h", stdout);
    fflush(stdout);
    return 0;
}

static void bracketed_paste_off(void) {
    static const char off[] = "\033[?2004l";
    ssize_t ignored = write(1, off, sizeof off - 1); /* async-signal-safe: also used on a crash */
    (void)ignored;
}

void mlcf_end(void) {
    if (started && !isendwin()) {
        curs_set(1);
        endwin();
        bracketed_paste_off();
    }
}

int mlcf_is_endwin(void) { return started ? isendwin() : 1; }
int mlcf_lines(void) { return LINES; }
int mlcf_cols(void) { return COLS; }
int mlcf_has_colors(void) { return has_colors(); }

void mlcf_init_colors(void) {
    if (!has_colors()) return;
    start_color();
    use_default_colors();
    init_pair(1, COLOR_RED, -1);
    init_pair(2, COLOR_YELLOW, -1);
    init_pair(3, COLOR_GREEN, -1);
    init_pair(4, COLOR_CYAN, -1);
    init_pair(5, COLOR_BLUE, -1);
    init_pair(6, COLOR_MAGENTA, -1);
    init_pair(7, COLOR_BLACK, COLOR_CYAN);
}

int mlcf_read_key(int timeout_ms, int *is_function_key, unsigned int *code) {
    wint_t ch = 0;
    timeout(timeout_ms);
    int r = get_wch(&ch);
    if (r == ERR) return 0;
    *is_function_key = (r == KEY_CODE_YES);
    *code = (unsigned int)ch;
    return 1;
}

void mlcf_put(int y, int x, const wchar_t *text, int attributes, int color_pair) {
    attr_t a = A_NORMAL;
    if (attributes & 1) a |= A_BOLD;
    if (attributes & 2) a |= A_REVERSE;
    if (attributes & 4) a |= A_UNDERLINE;
    if (attributes & 8) a |= A_DIM;
    attr_set(a, (short)color_pair, NULL);
    mvaddwstr(y, x, text);
    attr_set(A_NORMAL, 0, NULL);
}

void mlcf_move_cursor(int y, int x, int visible) {
    curs_set(visible ? 1 : 0);
    if (visible) move(y, x);
}

void mlcf_refresh(void) { refresh(); }
void mlcf_clear(void) { clearok(stdscr, TRUE); }
int mlcf_resize_key(void) { return KEY_RESIZE; }
int mlcf_paste_start_key(void) { return MLCF_KEY_PASTE_START; }
int mlcf_paste_end_key(void) { return MLCF_KEY_PASTE_END; }

int mlcf_key_code(const char *name) {
    static const struct { const char *n; int k; } table[] = {
        {"up", KEY_UP}, {"down", KEY_DOWN}, {"left", KEY_LEFT}, {"right", KEY_RIGHT},
        {"home", KEY_HOME}, {"end", KEY_END}, {"ppage", KEY_PPAGE}, {"npage", KEY_NPAGE},
        {"backspace", KEY_BACKSPACE}, {"dc", KEY_DC}, {"btab", KEY_BTAB}, {"enter", KEY_ENTER},
        {"resize", KEY_RESIZE}, {"f1", KEY_F(1)}, {"ic", KEY_IC},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].n, name) == 0) return table[i].k;
    return -1;
}

static volatile sig_atomic_t pending_signal = 0;

static void on_request(int sig) { pending_signal = sig; }

/* A crash the app can catch: put the terminal back before the default action runs. */
static void on_crash(int sig) {
    if (started) { endwin(); bracketed_paste_off(); }
    signal(sig, SIG_DFL);
    raise(sig);
}

void mlcf_install_signal_handlers(void) {
    /* A parent may have left signals blocked (test runners do); the planner needs them. */
    sigset_t wanted;
    sigemptyset(&wanted);
    int needed[] = {SIGWINCH, SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGCONT, SIGTSTP};
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) sigaddset(&wanted, needed[i]);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_request;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    int crashes[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (size_t i = 0; i < sizeof crashes / sizeof crashes[0]; i++) signal(crashes[i], on_crash);
}

int mlcf_take_signal(void) {
    int sig = pending_signal;
    pending_signal = 0;
    return sig;
}

int mlcf_isatty(int fd) { return isatty(fd); }

int mlcf_input_hung_up(void) {
    struct pollfd p = {0, POLLIN, 0};
    if (poll(&p, 1, 0) < 0) return 0;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}
