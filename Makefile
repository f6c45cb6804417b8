# xent - a terminal grid that teaches softmax and cross-entropy.
#
#   make            build ./xent
#   make run        build and open the default sheet
#   make check      build and run every test (unit, eval, end-to-end)
#   make bench      time the core on a million rows
#   make SANITIZER=address|undefined check    the same under a sanitizer
#   make install uninstall clean

.SUFFIXES:

VERSION    = 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
PKG_CONFIG ?= pkg-config
CC        ?= cc
CFLAGS    ?= -O2 -g

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

# Deferred, so that they run after the dependency check has installed them.
TUI_CFLAGS = $(filter-out -D_XOPEN_SOURCE=%,$(shell $(PKG_CONFIG) --cflags ncursesw readline))
TUI_LIBS   = $(shell $(PKG_CONFIG) --libs ncursesw readline)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check)

# Layers: core (maths) and io (files) never see curses or readline.
CORE_SRC = src/core/num.c src/core/sheet.c src/core/expr.c src/core/explain.c \
           src/core/goal.c
IO_SRC   = src/io/csv.c src/io/sheetfile.c src/io/defaults.c src/io/recover.c \
           src/io/lessonfile.c src/io/lessondir.c src/io/progress.c
APP_SRC  = src/app/cli.c src/app/eval.c src/app/layout.c src/app/undo.c \
           src/app/ctl.c src/app/commands.c src/app/tutor.c src/app/lint.c \
           src/app/text.c
TUI_SRC  = src/ui/term.c src/ui/cells.c src/ui/grid.c src/ui/example.c \
           src/ui/chrome.c src/ui/lineview.c src/ui/pane.c src/ui/picker.c \
           src/input/lineedit.c src/input/complete.c src/input/loop.c
MAIN_SRC = src/main.c

TEST_SRC = tests/check_main.c tests/testutil.c \
           tests/core/check_num.c tests/core/check_sheet.c \
           tests/core/check_expr.c tests/core/check_explain.c \
           tests/core/check_reference.c tests/core/check_goal.c \
           tests/io/check_csv.c tests/io/check_sheetfile.c \
           tests/io/check_stream.c \
           tests/io/check_lessonfile.c tests/io/check_recover.c \
           tests/app/check_eval.c tests/app/check_ctl.c tests/app/check_tutor.c \
           tests/app/check_layout.c tests/app/check_text.c \
           tests/input/check_lineedit.c

LIB_SRC  = $(CORE_SRC) $(IO_SRC) $(APP_SRC)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ  = $(TUI_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(MAIN_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(BUILD)/%.o)

all: xent

# Copied then renamed, so a running ./xent does not make the copy fail.
xent: $(BUILD)/xent
	cp $(BUILD)/xent $@.tmp && mv -f $@.tmp $@

$(BUILD)/xent: $(LIB_OBJ) $(TUI_OBJ) $(MAIN_OBJ)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(TUI_LIBS) -lm

# The unit tests link the core, files and controller, plus the line editor
# (readline, but no screen).
$(BUILD)/check_xent: $(TEST_OBJ) $(LIB_OBJ) $(BUILD)/src/input/lineedit.o
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(CHECK_LIBS) $(TUI_LIBS) -lm

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

# Check and tmux are installed before the first test object is compiled.
$(TEST_OBJ): | $(BUILD)/.deps-test

$(BUILD)/.deps-build:
	@sh .ci/deps.sh build
	@mkdir -p $(@D) && touch $@

$(BUILD)/.deps-test:
	@sh .ci/deps.sh test
	@mkdir -p $(@D) && touch $@

run: xent
	./xent

check: xent $(BUILD)/check_xent
	XENT=./xent $(BUILD)/check_xent
	./xent lint lessons/[0-9]*.md
	sh tests/e2e/run.sh ./xent

bench: xent
	sh tests/bench.sh ./xent

$(BUILD)/bench_core: $(BUILD)/tests/bench_core.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ -lm

install: xent
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/xent/lessons
	cp -f xent $(DESTDIR)$(PREFIX)/bin/xent
	chmod 755 $(DESTDIR)$(PREFIX)/bin/xent
	if ls lessons/*.md >/dev/null 2>&1; then \
	  cp -f lessons/*.md $(DESTDIR)$(PREFIX)/share/xent/lessons/; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/xent
	rm -rf $(DESTDIR)$(PREFIX)/share/xent

clean:
	rm -rf build xent

.PHONY: all run check bench install uninstall clean xent FORCE

-include $(LIB_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
