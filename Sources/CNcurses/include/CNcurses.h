#ifndef CNCURSES_H
#define CNCURSES_H
/* The only place that includes ncurses. Swift 6 refuses shared mutable C globals
   (stdscr, LINES, COLS), so they are reached through these small functions. */
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int mlcf_init(void);              /* setlocale, initscr, raw-ish modes; 0 on success */
void mlcf_end(void);              /* restore the terminal (safe to call twice) */
int mlcf_lines(void);
int mlcf_cols(void);
int mlcf_has_colors(void);
void mlcf_init_colors(void);      /* pairs 1..7 on the default background */
int mlcf_read_key(int timeout_ms, int *is_function_key, unsigned int *code); /* 1 key, 0 timeout, -1 err */
void mlcf_put(int y, int x, const wchar_t *text, int attributes, int color_pair);
void mlcf_move_cursor(int y, int x, int visible);
void mlcf_refresh(void);
void mlcf_clear(void);
int mlcf_resize_key(void);
/* Key codes of our own for the bracketed-paste markers ESC[200~ and ESC[201~. */
#define MLCF_KEY_PASTE_START (KEY_MAX + 1)
#define MLCF_KEY_PASTE_END (KEY_MAX + 2)
int mlcf_paste_start_key(void);
int mlcf_paste_end_key(void);
int mlcf_key_code(const char *name); /* KEY_UP etc by name, for the Swift key map */
int mlcf_is_endwin(void);
void mlcf_install_signal_handlers(void); /* HUP/TERM/INT set a flag; crashes restore the terminal */
int mlcf_take_signal(void);              /* the pending signal number, or 0; clears it */
int mlcf_isatty(int fd);
int mlcf_input_hung_up(void);            /* 1 when the terminal behind stdin has gone away */
#endif
