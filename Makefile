# SPDX-License-Identifier: GPL-2.0-only
# xenpvboot — run ./configure first (make does it for you with defaults).

VERSION = 0.1

# check and demo first install what configure needs, so they must not
# make config.mk before that; the recursive make they run includes it.
DEPS_GOALS = check check-asan check-e2e demo
ifeq ($(filter $(DEPS_GOALS),$(MAKECMDGOALS)),)
-include config.mk
endif

prefix ?= /usr/local
bindir ?= $(prefix)/bin
mandir ?= $(prefix)/share/man
CC ?= cc
OPTFLAGS ?= -O2 -g

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral $(WARN_EXTRA)
CPPFLAGS_ALL = -Iinclude -Isrc -D_GNU_SOURCE -DPACKAGE_VERSION='"$(VERSION)"' \
	$(DLOPEN_DEFS) $(RUN_IDS_DEFS) $(USER_CPPFLAGS)
CSTD = -std=c11
CFLAGS_ALL = $(CSTD) $(WARN) $(OPTFLAGS) $(HARDEN_CFLAGS) $(LIB_CFLAGS) \
	$(USER_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS_ALL = $(HARDEN_LDFLAGS) $(USER_LDFLAGS) $(EXTRA_LDFLAGS)

# One list per folder, and each folder is one side of the privilege
# boundary: the CLI; the parent, which runs as root; the wire, linked
# into both; the sandbox, which forks the child and demotes it; the
# libraries the parent loads before the fork and the child calls; and
# the child, which parses the guest.  A new file joins one list.
MAIN_SRCS = src/main.c
PARENT_SRCS = src/parent/run.c src/parent/collect.c src/parent/report.c \
	src/parent/menu-ui.c src/parent/output.c src/parent/stop.c \
	src/parent/vis.c src/parent/hypervisor.c src/parent/grub.c \
	src/parent/listing.c src/parent/json.c src/parent/once.c
PROTO_SRCS = src/proto/proto.c
SANDBOX_SRCS = src/sandbox/sandbox.c src/sandbox/run-ids.c \
	src/sandbox/seccomp-filter.c src/sandbox/seccomp-notify.c \
	src/sandbox/helper.c
LIBS_SRCS = src/libs/dlload.c src/libs/xenlibs.c src/libs/xfs-lib.c
MENU_PARSER_SRCS = src/child/menu/menu.c src/child/menu/grub2.c \
	src/child/menu/legacy.c src/child/menu/extlinux.c \
	src/child/menu/bls.c src/child/menu/text.c src/child/menu/uki.c
MENU_SRCS = src/child/menu/bootcfg.c $(MENU_PARSER_SRCS)
FS_SRCS = src/child/fs/sink.c src/child/fs/ext.c src/child/fs/ext-io.c \
	src/child/fs/ext-map.c \
	src/child/fs/ext-htree.c \
	src/child/fs/ext-path.c src/child/fs/xfs.c src/child/fs/grub.c \
	src/child/fs/btrfs-subvol.c src/child/fs/jbd2.c src/child/fs/ext-journal.c \
	src/child/fs/xfs-log.c
CHILD_SRCS = src/child/order.c src/child/session.c src/child/stage/pvboot.c \
	src/child/stage/bootmenu.c src/child/stage/bootmenu-dev.c \
	src/child/stage/uki.c \
	src/child/disk.c \
	src/child/fs.c src/child/judge.c src/child/elfnote.c \
	src/child/kformat.c src/child/kpeek.c src/child/xgcheck.c $(FS_SRCS) \
	$(MENU_SRCS)
# The child's entry point (child.c) enters the sandbox; the fuzz
# targets drive what it calls, without one.
CHILD_ENTRY_SRCS = src/child/child.c
SRCS = $(MAIN_SRCS) $(PARENT_SRCS) $(PROTO_SRCS) $(SANDBOX_SRCS) \
	$(LIBS_SRCS) $(CHILD_ENTRY_SRCS) $(CHILD_SRCS)
OBJS = $(SRCS:.c=.o)
HDRS = $(filter-out $(SECCOMP_BPF) $(SYSCALL_NAMES), \
	$(wildcard include/*.h src/*/*.h src/*/*/*.h))

# The child's seccomp policy is compiled to BPF at build time by a tool
# linked with libseccomp; the program itself carries only the result.
SECCOMP_BPF = src/sandbox/seccomp-bpf.h
SYSCALL_NAMES = src/sandbox/syscall-names.h

# Each test-NAME.c is one; its objects are listed below.
UNIT_TESTS = $(patsubst %.c,%,$(wildcard tests/unit/test-*.c))

all: xenpvboot

config.mk: configure
	./configure

xenpvboot: $(OBJS)
	$(CC) $(CFLAGS_ALL) -o $@ $(OBJS) $(LDFLAGS_ALL) $(LIB_LIBS)

# Xen's public headers use anonymous unions, a GNU extension: the
# files that include them are built as gnu11, everything else as c11.
src/child/xgcheck.o src/parent/hypervisor.o src/libs/xenlibs.o: CSTD = -std=gnu11

%.o: %.c $(HDRS) config.mk
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

tools/seccomp-gen: tools/seccomp-gen.c src/sandbox/seccomp-policy.c $(HDRS) config.mk
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ tools/seccomp-gen.c \
		src/sandbox/seccomp-policy.c $(LDFLAGS_ALL) $(LIB_LIBS)

$(SECCOMP_BPF): tools/seccomp-gen
	./tools/seccomp-gen >$@.tmp && mv $@.tmp $@

$(SYSCALL_NAMES): tools/seccomp-gen
	./tools/seccomp-gen names >$@.tmp && mv $@.tmp $@

src/sandbox/seccomp-filter.o: $(SECCOMP_BPF)
src/sandbox/seccomp-notify.o: $(SYSCALL_NAMES)

tests/unit/test-output: tests/unit/test-output.c src/parent/output.o
tests/unit/test-proto: tests/unit/test-proto.c src/proto/proto.o
tests/unit/test-collect: tests/unit/test-collect.c src/parent/collect.o \
	src/parent/report.o src/parent/menu-ui.o src/parent/output.o \
	src/parent/stop.o src/parent/vis.o src/parent/grub.o \
	src/parent/listing.o src/parent/json.o \
	src/proto/proto.o $(SANDBOX_SRCS:.c=.o)
tests/unit/test-elfnote: tests/unit/test-elfnote.c src/child/elfnote.o
tests/unit/test-seccomp: tests/unit/test-seccomp.c src/sandbox/seccomp-filter.o \
	src/sandbox/seccomp-notify.o
tests/unit/test-vis: tests/unit/test-vis.c src/parent/vis.o
tests/unit/test-json: tests/unit/test-json.c src/parent/json.o src/parent/vis.o
tests/unit/test-kformat: tests/unit/test-kformat.c src/child/kformat.o
tests/unit/test-uki: tests/unit/test-uki.c src/child/menu/uki.o
tests/unit/test-sandbox: tests/unit/test-sandbox.c src/sandbox/sandbox.o \
	src/sandbox/run-ids.o src/sandbox/seccomp-filter.o src/sandbox/seccomp-notify.o
$(UNIT_TESTS):
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -Itests/unit -o $@ $^ $(LDFLAGS_ALL) \
		$(LIB_LIBS)

# Not a unit test on its own: tests/ts/fs/journal runs it on dirty
# journals, comparing our in-memory replay with e2fsck's recovery.
tests/unit/jbd2cross: tests/unit/jbd2cross.c src/child/fs/jbd2.o
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -Itests/unit -o $@ $^ $(LDFLAGS_ALL) $(LIB_LIBS)

# Not a unit test on its own: tests/ts/validate/crosscheck and kernels
# run it over a corpus, comparing our verdicts with libxenguest's parser.
tests/unit/xgcross: tests/unit/xgcross.c src/child/elfnote.o src/child/xgcheck.o \
	src/child/kformat.o src/child/kpeek.o src/libs/xenlibs.o src/libs/dlload.o
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -Itests/unit -o $@ $^ $(LDFLAGS_ALL) $(LIB_LIBS)

# The fuzz targets, one per parser of guest data: the ELF validator, the
# child's whole partition and filesystem walk, the wire as the parent
# reads it, and the boot-menu parsers.  make check replays each committed corpus (replay.c gives
# them a main); make fuzz runs them under libFuzzer for FUZZ_SECONDS each.
FUZZERS = elfnote walk proto menu xfs btrfs jbd2 xfslog uki kpeek
FUZZ_SECONDS ?= 60
# A fixed seed makes a CI run repeatable; FUZZ_SEED=0 lets libFuzzer pick.
FUZZ_SEED ?= 1
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SRC_elfnote = src/child/elfnote.c src/child/kformat.c
FUZZ_SRC_walk = $(CHILD_SRCS) $(LIBS_SRCS) $(PROTO_SRCS)
FUZZ_SRC_xfs = src/child/disk.c src/child/fs.c $(FS_SRCS) src/libs/xfs-lib.c \
	$(PROTO_SRCS) tests/fuzz/sparse.c \
	src/libs/dlload.c
FUZZ_SRC_proto = $(filter-out src/parent/run.c src/parent/hypervisor.c, \
	$(PARENT_SRCS)) $(PROTO_SRCS) $(SANDBOX_SRCS)
FUZZ_SRC_menu = $(MENU_PARSER_SRCS)
FUZZ_SRC_btrfs = src/child/fs/btrfs-subvol.c src/child/disk.c tests/fuzz/sparse.c
FUZZ_SRC_jbd2 = src/child/fs/jbd2.c
FUZZ_SRC_xfslog = src/child/fs/xfs-log.c
FUZZ_SRC_uki = src/child/menu/uki.c
FUZZ_SRC_kpeek = src/child/kpeek.c src/child/kformat.c src/child/elfnote.c
# What libxenguest links and the child finds through it: linked here.
FUZZ_LIBS_kpeek = -llzma -lz -lzstd
REPLAYS = $(FUZZERS:%=tests/fuzz/replay-%)

.SECONDEXPANSION:
tests/fuzz/replay-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c $$(FUZZ_SRC_$$*) \
    $(HDRS) $(SECCOMP_BPF) $(SYSCALL_NAMES) config.mk
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -std=gnu11 -o $@ $< tests/fuzz/replay.c \
		$(FUZZ_SRC_$*) $(LDFLAGS_ALL) $(LIB_LIBS) $(FUZZ_LIBS_$*)

tests/fuzz/fuzz-%-bin: tests/fuzz/fuzz-%.c $$(FUZZ_SRC_$$*) $(HDRS) $(SECCOMP_BPF) \
    $(SYSCALL_NAMES) config.mk
	$(FUZZ_CC) $(CPPFLAGS_ALL) -std=gnu11 $(LIB_CFLAGS) $(FUZZ_FLAGS) \
		-o $@ $< $(FUZZ_SRC_$*) $(LIB_LIBS) $(FUZZ_LIBS_$*)

# fuzz-xfs runs in libFuzzer's fork mode, going on past crashes: libfsxfs
# 20201117 has bugs of its own that it finds in seconds.  For every
# target, tests/fuzz/triage.sh then fails the run on any crash, leak or
# timeout that is not inside libfsxfs.
FUZZ_MODE_xfs = -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -timeout=10

fuzz: fuzz-deps $(FUZZERS:%=tests/fuzz/fuzz-%-bin)
	@for f in $(FUZZERS); do \
		mkdir -p tests/out/fuzz-$$f; \
		echo "fuzz: $$f for $(FUZZ_SECONDS) s"; \
		case $$f in xfs) mode="$(FUZZ_MODE_xfs)" ;; *) mode= ;; esac; \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
		tests/fuzz/fuzz-$$f-bin -max_total_time=$(FUZZ_SECONDS) \
			-seed=$(FUZZ_SEED) $$mode \
			-max_len=1048576 -rss_limit_mb=4096 \
			-artifact_prefix=tests/out/fuzz-$$f/ -print_final_stats=1 \
			tests/out/fuzz-$$f tests/fuzz/corpus/$$f 2>&1 | \
			grep -aE '^(stat::number_of_executed_units|==|SUMMARY|artifact)' ; \
		sh tests/fuzz/triage.sh $$f || exit 1; \
	done

fuzz-deps:
	@sh tests/deps.sh asan

# Both install missing Debian packages when run as root (and say so).
check:
	@sh tests/deps.sh check
	@$(MAKE) --no-print-directory xenpvboot $(UNIT_TESTS) tests/unit/xgcross \
		tests/unit/jbd2cross \
		$(REPLAYS)
	@sh tests/run.sh

# The whole suite again, built with clang's AddressSanitizer and
# UndefinedBehaviorSanitizer, in a copy of the tree under tests/out/asan
# so that this tree's objects stay as they are.
ASAN_CFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -DXENPVBOOT_SANITIZE
check-asan:
	@sh tests/deps.sh asan
	@rm -rf tests/out/asan
	@mkdir -p tests/out/asan
	@tar -cf - --exclude=./tests/out --exclude='*.o' --exclude=./config.mk \
		--exclude=./xenpvboot --exclude=./.git . | tar -xf - -C tests/out/asan
	@cd tests/out/asan && ./configure CC=clang CFLAGS="$(ASAN_CFLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" >/dev/null && \
		$(MAKE) --no-print-directory -s xenpvboot $(UNIT_TESTS) \
		tests/unit/xgcross tests/unit/jbd2cross $(REPLAYS) && \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		LSAN_OPTIONS=suppressions=$$PWD/tests/fuzz/lsan.supp sh tests/run.sh

# Xen + dom0 under QEMU, xl create with bootloader = "xenpvboot" (root).
check-e2e:
	@sh tests/deps.sh check
	@$(MAKE) --no-print-directory xenpvboot
	@sh tests/e2e-xen/run.sh

# Speed, memory and I/O against cp and pygrub (never fails the build).
bench: xenpvboot
	@sh tests/deps.sh bench
	@sh tests/bench/run.sh

demo:
	@sh tests/deps.sh demo
	@$(MAKE) --no-print-directory xenpvboot
	@sh tests/demo.sh

# variableScope is suppressed: style(9) declares locals at the top of
# the function, which is the house style here.
lint:
	mandoc -Tlint -W warning man/xenpvboot.1
	cppcheck --error-exitcode=1 --quiet --std=c11 \
		--enable=warning,style,performance,portability \
		--suppress=variableScope --inline-suppr -Iinclude -Isrc $(SRCS) \
		src/sandbox/seccomp-policy.c tools/seccomp-gen.c

# libxl finds "xenpvboot" in its private bindir (libexecdir, detected by
# configure); the copy in bindir is a link to it, for use by hand.
datadir ?= $(prefix)/share
bashcompdir ?= $(datadir)/bash-completion/completions

install: xenpvboot
	install -d $(DESTDIR)$(libexecdir) $(DESTDIR)$(bindir) \
		$(DESTDIR)$(mandir)/man1 $(DESTDIR)$(bashcompdir)
	install -m 0755 xenpvboot $(DESTDIR)$(libexecdir)/xenpvboot
	[ "$(libexecdir)" = "$(bindir)" ] || \
		ln -sf $(libexecdir)/xenpvboot $(DESTDIR)$(bindir)/xenpvboot
	install -m 0644 man/xenpvboot.1 $(DESTDIR)$(mandir)/man1/xenpvboot.1
	install -m 0644 completions/xenpvboot $(DESTDIR)$(bashcompdir)/xenpvboot

# A Debian package of this tree, built from a copy in tests/out/deb (the
# .deb lands there): what a distribution's build would do.
deb:
	rm -rf tests/out/deb
	mkdir -p tests/out/deb/src
	tar --exclude=./tests/out --exclude=./.git -cf - . | \
		tar -xf - -C tests/out/deb/src
	$(MAKE) -C tests/out/deb/src distclean >/dev/null
	cd tests/out/deb/src && dpkg-buildpackage -us -uc -b

uninstall:
	rm -f $(DESTDIR)$(libexecdir)/xenpvboot $(DESTDIR)$(bindir)/xenpvboot \
		$(DESTDIR)$(mandir)/man1/xenpvboot.1 \
		$(DESTDIR)$(bashcompdir)/xenpvboot

clean:
	rm -f xenpvboot $(OBJS) $(UNIT_TESTS) tests/unit/xgcross \
		tests/unit/jbd2cross \
		tools/seccomp-gen $(SECCOMP_BPF) $(SYSCALL_NAMES) \
		tests/fuzz/replay-* tests/fuzz/fuzz-*-bin
	rm -rf tests/out

distclean: clean
	rm -f config.mk

.PHONY: all bench check check-asan check-e2e demo fuzz fuzz-deps lint install uninstall deb clean distclean
