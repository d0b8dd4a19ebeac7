/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A boot menu for a plain vt100 (libxl sets TERM=vt100 on the console
 * pty), with no curses: the titles, the chosen one in reverse video,
 * and a countdown to the default that any key stops.  Up and down
 * arrows (or k and j) move, a digit jumps, Enter boots.  The titles come
 * from the guest: they are escaped (vis.c) before our own sequences
 * are put around them.
 */
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "menu-ui.h"
#include "stop.h"
#include "vis.h"

#define MAX_SHOWN	20	/* rows of entries on a 24-line console */
#define TITLE_SHOWN	70	/* bytes of a title, escaped */

static void
say(int fd, const char *s)
{
	size_t n = strlen(s);
	ssize_t w;

	while (n > 0 && (w = write(fd, s, n)) > 0) {
		s += w;
		n -= (size_t)w;
	}
}

static void
draw(int out, char (*titles)[MENU_TITLE_MAX], size_t n, size_t sel, int left)
{
	char line[320], title[TITLE_SHOWN + 1];
	size_t i, first;

	first = sel >= MAX_SHOWN ? sel - MAX_SHOWN + 1 : 0;
	say(out, "\033[2J\033[H xenpvboot: the guest's boot menu\r\n\r\n");
	for (i = first; i < n && i < first + MAX_SHOWN; i++) {
		vis_str(title, sizeof(title), titles[i]);
		snprintf(line, sizeof(line), " %s%3zu  %s\033[0m\r\n",
		    i == sel ? "\033[7m" : "", i, title);
		say(out, line);
	}
	if (left >= 0)
		snprintf(line, sizeof(line), "\r\n Up/Down to choose, Enter to "
		    "boot. The highlighted entry boots in %d s.\r\n", left);
	else
		snprintf(line, sizeof(line), "\r\n Up/Down to choose, Enter to "
		    "boot.\r\n");
	say(out, line);
}

/* One key: 'U', 'D', '\r', a digit, or 0 for anything else. */
static int
key(int in)
{
	unsigned char c[3];
	ssize_t n;

	n = read(in, c, 1);
	if (n != 1)
		return -1;
	if (c[0] == '\033') {
		if (read(in, c + 1, 2) == 2 && c[1] == '[')
			return c[2] == 'A' ? 'U' : c[2] == 'B' ? 'D' : 0;
		return 0;
	}
	if (c[0] == 'k')
		return 'U';
	if (c[0] == 'j')
		return 'D';
	if (c[0] == '\r' || c[0] == '\n')
		return '\r';
	return c[0] >= '0' && c[0] <= '9' ? c[0] : 0;
}

/*
 * Shows the menu on in/out and returns the entry to boot: the user's
 * choice, or deflt when timeout seconds pass with no key; -1 when a
 * signal stops the run, the terminal restored.
 */
int
menu_ui(int in, int out, char (*titles)[MENU_TITLE_MAX], size_t n,
    int deflt, int timeout)
{
	struct termios saved, raw;
	struct pollfd p = { .fd = in, .events = POLLIN };
	size_t sel = deflt >= 0 && (size_t)deflt < n ? (size_t)deflt : 0;
	int left = timeout, k, rc;
	bool counting = true;

	if (n == 0 || tcgetattr(in, &saved) != 0)
		return deflt;
	raw = saved;
	cfmakeraw(&raw);
	(void)tcsetattr(in, TCSANOW, &raw);
	for (;;) {
		draw(out, titles, n, sel, counting ? left : -1);
		rc = poll(&p, 1, counting ? 1000 : -1);
		if (stop_caught() != 0)
			break;
		if (rc == 0) {
			if (--left <= 0)
				break;
			continue;
		}
		k = rc > 0 ? key(in) : -1;
		if (k < 0 || k == '\r')
			break;
		counting = false;
		if (k == 'U' && sel > 0)
			sel--;
		else if (k == 'D' && sel + 1 < n)
			sel++;
		else if (k >= '0' && k <= '9' && (size_t)(k - '0') < n)
			sel = (size_t)(k - '0');
	}
	(void)tcsetattr(in, TCSANOW, &saved);
	say(out, "\r\n");
	return stop_caught() != 0 ? -1 : (int)sel;
}
