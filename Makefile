# xent - a terminal grid that teaches softmax and cross-entropy.
#
#   make            build ./xent
#   make run        build and open the default sheet
#   make check      build and run every test (unit, eval, end-to-end)
#   make bench      time eval, the grid's load and the Python peers
#   make fuzz       run every fuzz harness for FUZZ_SECONDS (60) each
#   make SANITIZER=address|undefined check    the same under a sanitizer
#   make install uninstall clean

.SUFFIXES:

VERSION    = 0.1.0
PREFIX    ?= /usr/local
MANPREFIX ?= $(PREFIX)/share/man
DESTDIR   ?=
PKG_CONFIG ?= pkg-config
CC        ?= cc
CFLAGS    ?= -O2 -g
# c++ unless given: make's built-in default (g++) would win over ?=.
ifeq ($(origin CXX),default)
  CXX      = c++
endif
CXXFLAGS  ?= -O2 -g

SANITIZER ?=
ifeq ($(SANITIZER),)
  SANFLAGS =
  BUILD    = build
else ifeq ($(filter $(SANITIZER),address undefined),$(SANITIZER))
  SANFLAGS = -fsanitize=$(SANITIZER) -fno-sanitize-recover=all -fno-omit-frame-pointer
  BUILD    = build/$(SANITIZER)
else
  $(error SANITIZER must be address or undefined, not '$(SANITIZER)')
endif

WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wvla -Wformat=2
XCFLAGS  = -std=c11 -D_XOPEN_SOURCE=700 -DXENT_SHARE=\"$(PREFIX)/share/xent\" \
           -Isrc $(WARN) $(SANFLAGS)
# C++ only for the number conversions (src/core/numconv.cc: <charconv>,
# and libfmt's Dragonbox, header-only): no exceptions, no RTTI, so it
# links as plain C would, with libstdc++.
CXXWARN  = -Wall -Wextra -Wshadow -Wvla -Wformat=2
XCXXFLAGS = -std=c++17 -fno-exceptions -fno-rtti -Isrc $(CXXWARN) $(SANFLAGS) \
            $(FMT_CFLAGS)

# Deferred, so that they run after the dependency check has installed them.
TUI_CFLAGS = $(filter-out -D_XOPEN_SOURCE=%,$(shell $(PKG_CONFIG) --cflags ncursesw readline))
TUI_LIBS   = $(shell $(PKG_CONFIG) --libs ncursesw readline)
FMT_CFLAGS = $(shell $(PKG_CONFIG) --cflags fmt)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check)

# Layers: core (maths) and io (files) never see curses or readline.
CORE_SRC = src/core/num.c src/core/sheet.c src/core/expr.c src/core/explain.c \
           src/core/goal.c src/core/utf8.c
CORE_SRC += src/core/rowkey.c src/core/rowfilter.c src/core/stats.c
CORE_SRC += src/core/plot.c
CORE_CXX = src/core/numconv.cc
IO_SRC   = src/io/csv.c src/io/sheetfile.c src/io/sheetrun.c src/io/defaults.c \
           src/io/recover.c src/io/lessonfile.c src/io/lessondir.c \
           src/io/progress.c src/io/npy.c src/io/save.c src/io/svg.c \
           src/io/rfile.c
APP_SRC  = src/app/cli.c src/app/eval.c src/app/layout.c src/app/undo.c \
           src/app/ctl.c src/app/commands.c src/app/tutor.c src/app/lint.c \
           src/app/text.c
APP_SRC += src/app/report.c src/app/evalrows.c
APP_SRC += src/app/rowview.c src/app/browse.c src/app/screens.c
TUI_SRC  = src/ui/term.c src/ui/cells.c src/ui/grid.c src/ui/example.c \
           src/ui/chrome.c src/ui/lineview.c src/ui/pane.c src/ui/picker.c \
           src/ui/plot.c \
           src/input/lineedit.c src/input/complete.c src/input/loop.c
TUI_SRC += src/ui/view.c
MAIN_SRC = src/main.c

TEST_SRC = tests/check_main.c tests/testutil.c \
           tests/core/check_num.c tests/core/check_sheet.c \
           tests/core/check_expr.c tests/core/check_explain.c \
           tests/core/check_reference.c tests/core/check_goal.c \
           tests/core/check_flags.c tests/core/check_utf8.c \
           tests/core/check_rowkey.c tests/core/check_rowfilter.c \
           tests/core/check_stats.c \
           tests/io/check_csv.c tests/io/check_sheetfile.c \
           tests/io/check_stream.c tests/io/check_npy.c \
           tests/io/check_lessonfile.c tests/io/check_recover.c \
           tests/io/check_save.c \
           tests/app/check_eval.c tests/app/check_ctl.c tests/app/check_tutor.c \
           tests/app/check_layout.c tests/app/check_text.c \
           tests/app/check_report.c \
           tests/input/check_lineedit.c \
           tests/core/check_plot.c tests/io/check_svg.c
TEST_SRC += tests/app/check_view.c

# Fuzz harnesses (tests/fuzz/fuzz_NAME.c); see `make fuzz` below.
FUZZ_HARNESSES = lesson goal expr progress lint keys csv sheetfile recover \
                 npy
FUZZ_REPLAY    = $(FUZZ_HARNESSES:%=$(BUILD)/fuzz-replay/fuzz_%)

LIB_SRC  = $(CORE_SRC) $(IO_SRC) $(APP_SRC)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(CORE_CXX:%.cc=$(BUILD)/%.o)
# The old number I/O, which the tests and the bench compare the new with.
REF_OBJ  = $(BUILD)/tests/core/num_old.o
TUI_OBJ  = $(TUI_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(MAIN_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(BUILD)/%.o)

all: xent

# Copied then renamed, so a running ./xent does not make the copy fail.
xent: $(BUILD)/xent
	cp $(BUILD)/xent $@.tmp && mv -f $@.tmp $@

$(BUILD)/xent: $(LIB_OBJ) $(TUI_OBJ) $(MAIN_OBJ)
	$(CXX) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(TUI_LIBS) -lz -lm

# The unit tests link the core, files and controller, plus the line editor
# (readline, but no screen).
$(BUILD)/check_xent: $(TEST_OBJ) $(REF_OBJ) $(LIB_OBJ) \
    $(BUILD)/src/input/lineedit.o
	$(CXX) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(CHECK_LIBS) $(TUI_LIBS) -lz -lm

# Lessons are looked up in $(PREFIX)/share/xent/lessons: a change of
# PREFIX must rebuild the file that knows it.
$(BUILD)/prefix.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@
$(BUILD)/src/io/lessondir.o $(BUILD)/src/main.o: $(BUILD)/prefix.stamp
FORCE:

# Only the interface layers may include curses and readline.
$(BUILD)/src/ui/%.o $(BUILD)/src/input/%.o: XCFLAGS += $(TUI_CFLAGS)
$(BUILD)/tests/%.o: XCFLAGS += -I. $(CHECK_CFLAGS)
$(BUILD)/tests/input/%.o: XCFLAGS += $(TUI_CFLAGS)

$(BUILD)/%.o: %.c | $(BUILD)/.deps-build
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.o: %.cc | $(BUILD)/.deps-build
	@mkdir -p $(@D)
	$(CXX) $(XCXXFLAGS) $(CXXFLAGS) -MMD -MP -c -o $@ $<

# Check and tmux are installed before the first test object is compiled.
$(TEST_OBJ): | $(BUILD)/.deps-test

# Made again when deps.sh changes, so a new dependency is installed on
# a tree that was built before it.
$(BUILD)/.deps-build: .ci/deps.sh
	@sh .ci/deps.sh build
	@mkdir -p $(@D) && touch $@

$(BUILD)/.deps-test: .ci/deps.sh
	@sh .ci/deps.sh test
	@mkdir -p $(@D) && touch $@

run: xent
	./xent

# A test is given a minute (Check's default is 4 s): a sanitizer build on
# a busy two-core machine is slow, and speed is the bench's business; a
# hang still fails.
check: xent $(BUILD)/check_xent $(FUZZ_REPLAY)
	XENT=./xent CK_DEFAULT_TIMEOUT=$${CK_DEFAULT_TIMEOUT:-60} \
	    $(BUILD)/check_xent
	./xent lint lessons/[0-9]*.md
	@for h in $(FUZZ_HARNESSES); do \
	  $(BUILD)/fuzz-replay/fuzz_$$h tests/fuzz/corpus/$$h \
	      tests/fuzz/crashes/$$h || exit 1; done
	sh tests/e2e/run.sh ./xent

# Fuzzing: each harness in tests/fuzz runs under libFuzzer (clang) for
# FUZZ_SECONDS from the seeds in tests/fuzz/corpus; an input that crashes
# is kept in tests/fuzz/crashes, and `make check` replays seeds and
# crashes alike through the same harness without libFuzzer.
FUZZ_SECONDS  ?= 60
FUZZ_CC       ?= clang
FUZZ_CXX      ?= clang++
FUZZ_FLAGS     = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
                 -std=c11 -D_XOPEN_SOURCE=700 \
                 -DXENT_SHARE=\"$(PREFIX)/share/xent\" -Isrc -I.
FUZZ_OBJ       = $(LIB_SRC:%.c=build/fuzz/obj/%.o) \
                 $(CORE_CXX:%.cc=build/fuzz/obj/%.o) build/fuzz/obj/fuzz_util.o

$(BUILD)/fuzz-replay/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o \
    $(BUILD)/tests/fuzz/replay.o $(BUILD)/tests/fuzz/fuzz_util.o $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CXX) $(CFLAGS) $(SANFLAGS) -o $@ $^ -lz -lm

# The library is built once with coverage for the fuzzer, then linked
# with each harness.
build/fuzz/obj/fuzz_util.o: tests/fuzz/fuzz_util.c | build/.deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/obj/%.o: %.c | build/.deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/obj/%.o: %.cc | build/.deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CXX) $(filter-out -std=c11 -D_XOPEN_SOURCE=700,$(FUZZ_FLAGS)) \
	    -std=c++17 -fno-exceptions -fno-rtti -fsanitize=fuzzer-no-link \
	    -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CXX) $(FUZZ_FLAGS) -x c $< -x none $(FUZZ_OBJ) \
	    -fsanitize=fuzzer -o $@ -lz -lm

# Kept between runs, not removed as make's intermediate files.
.SECONDARY: $(FUZZ_OBJ)

build/.deps-fuzz:
	@sh .ci/deps.sh fuzz
	@mkdir -p $(@D) && touch $@

fuzz: $(FUZZ_HARNESSES:%=build/fuzz/fuzz_%)
	@for h in $(FUZZ_HARNESSES); do \
	  mkdir -p build/fuzz/corpus/$$h tests/fuzz/crashes/$$h; \
	  echo "== fuzz_$$h for $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) \
	      -print_final_stats=1 -artifact_prefix=tests/fuzz/crashes/$$h/ \
	      build/fuzz/corpus/$$h tests/fuzz/corpus/$$h 2>&1 | \
	      grep -E '^(stat::number_of_executed_units|==|SUMMARY|artifact)'; \
	  if ls tests/fuzz/crashes/$$h/crash-* tests/fuzz/crashes/$$h/leak-* \
	      tests/fuzz/crashes/$$h/timeout-* >/dev/null 2>&1; then \
	    echo "fuzz_$$h: kept inputs in tests/fuzz/crashes/$$h"; exit 1; fi; \
	done

# Times xent and its Python peers on two generated files; see tests/bench.sh
# (BENCH_RUNS, BENCH_TABLE_RUNS).  Never part of check.
bench: xent $(BUILD)/bench_core $(BUILD)/bench_load
	sh tests/bench.sh ./xent $(BUILD)

$(BUILD)/bench_core: $(BUILD)/tests/bench_core.o $(REF_OBJ) $(LIB_OBJ)
	$(CXX) $(CFLAGS) $(SANFLAGS) -o $@ $^ -lz -lm

# The grid's load path without a terminal, and the bench files' generator.
$(BUILD)/bench_load: $(BUILD)/tests/bench_load.o $(LIB_OBJ)
	$(CXX) $(CFLAGS) $(SANFLAGS) -o $@ $^ -lz -lm
-include $(BUILD)/tests/bench_core.d $(BUILD)/tests/bench_load.d

install: xent
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/xent/lessons \
	    $(DESTDIR)$(MANPREFIX)/man1
	cp -f xent $(DESTDIR)$(PREFIX)/bin/xent
	chmod 755 $(DESTDIR)$(PREFIX)/bin/xent
	cp -f xent.1 $(DESTDIR)$(MANPREFIX)/man1/xent.1
	chmod 644 $(DESTDIR)$(MANPREFIX)/man1/xent.1
	if ls lessons/*.md >/dev/null 2>&1; then \
	  cp -f lessons/*.md $(DESTDIR)$(PREFIX)/share/xent/lessons/; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/xent $(DESTDIR)$(MANPREFIX)/man1/xent.1
	rm -rf $(DESTDIR)$(PREFIX)/share/xent

clean:
	rm -rf build xent

.PHONY: all run check bench fuzz install uninstall clean xent FORCE

-include $(LIB_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJ:.o=.d) \
    $(REF_OBJ:.o=.d)
