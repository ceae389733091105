/* bench_width.c - placeholder, completed below */
int main(void) { return 0; }
